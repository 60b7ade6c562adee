;; app.wat -- begin-end-globals: _start calls work(0), work(5), work(20)
;; (three call sites) and prints "done\n".  work(x) = x + 1, results
;; dropped.  Function indices: fd_write 0, work 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "done\n")
  (func $work (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.const 1)))
  (func $start (export "_start")
    (drop (call $work (i32.const 0)))
    (drop (call $work (i32.const 5)))
    (drop (call $work (i32.const 20)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 5))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
