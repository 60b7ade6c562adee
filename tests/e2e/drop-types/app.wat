;; app.wat -- drop-types: _start drops an i32 (5), an i64 (7), an f32 (1.0),
;; the i32 result of a call (6) and an f64 chosen by a select, then prints
;; "ok\n".  Function indices: fd_write 0, six 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $six (result i32) i32.const 6)
  (func $start (export "_start")
    i32.const 5
    drop
    i64.const 7
    drop
    f32.const 1
    drop
    call $six
    drop
    f64.const 1.5
    f64.const 2.5
    i32.const 0
    select
    drop
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
