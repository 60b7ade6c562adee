;; app.wat -- wei case static-calls.  Function indices: fd_write 0, leaf 1,
;; fleaf 2, work 3, _start 4.  The calls in work are at pcs 3, 15 and 20
;; (the code starts at 1 after the empty locals; local.get 2 bytes, call 2,
;; drop 1, f64.const 9, call 2, drop 1, i32.const 2).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "app\n")
  (func $leaf (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $fleaf (param f64) (result f64) (local.get 0))
  (func $work (param $n i32) (result i32)
    local.get $n
    call $leaf
    drop
    f64.const 1
    call $fleaf
    drop
    i32.const 5
    call $leaf)
  (func $_start (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 4))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))
    (drop (call $work (i32.const 3)))
    (drop (call $leaf (i32.const 7)))))
