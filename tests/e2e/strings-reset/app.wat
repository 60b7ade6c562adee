;; app.wat -- e2e case strings-reset: calls $use(ptr, len) 70000 times
;; with the first 65536 bytes of memory (4.6 GB in all: more than any
;; 32-bit memory holds), then prints "done\n".
;; Function indices: fd_write 0, use 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "done\n")
  (func $use (param $p i32) (param $n i32))
  (func $start (export "_start") (local $i i32)
    loop
      (call $use (i32.const 0) (i32.const 65536))
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 70000
      i32.lt_u
      br_if 0
    end
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
