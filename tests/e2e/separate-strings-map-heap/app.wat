;; app.wat -- e2e case separate-strings-map-heap: calls $use(i, 0, 20000) for
;; i = 0..99 (memory 0's first 20000 bytes are zero), then prints "done\n".
;; Function indices: fd_write 0, use 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 30000) "done\n")
  (func $use (param $i i32) (param $p i32) (param $n i32))
  (func $start (export "_start") (local $i i32)
    loop
      (call $use (local.get $i) (i32.const 0) (i32.const 20000))
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 100
      i32.lt_u
      br_if 0
    end
    (i32.store (i32.const 20000) (i32.const 30000))
    (i32.store (i32.const 20004) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 20000) (i32.const 1)
                          (i32.const 20008)))))
