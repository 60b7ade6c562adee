;; app.wat -- e2e case strings-heap: calls $use(ptr, len) 200 times with
;; 40000 bytes each (the first 40000 bytes of memory), then prints "hello"
;; (5 bytes at 65536+16, no newline) through $print(ptr, len).
;; Function indices: fd_write 0, use 1, print 2, start 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 65552) "hello")
  (func $use (param $p i32) (param $n i32))
  (func $print (param $p i32) (param $n i32)
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $start (export "_start") (local $i i32)
    loop
      (call $use (i32.const 0) (i32.const 40000))
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 200
      i32.lt_u
      br_if 0
    end
    (call $print (i32.const 65552) (i32.const 5))))
