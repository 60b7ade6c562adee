;; app.wat -- alt-return: _start prints answer(3), answer(9), answer(5),
;; answer(6) as two-digit lines, where answer(x) = x + 2.  Uninstrumented:
;; 05 11 07 08.  Function indices: fd_write 0, answer 1, print2 2, start 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "??\n")
  (func $answer (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.const 2)))
  ;; prints v (0..99) as two digits and a newline
  (func $print2 (param $v i32)
    (i32.store8 (i32.const 16)
      (i32.add (i32.div_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 17)
      (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $start (export "_start")
    (call $print2 (call $answer (i32.const 3)))
    (call $print2 (call $answer (i32.const 9)))
    (call $print2 (call $answer (i32.const 5)))
    (call $print2 (call $answer (i32.const 6)))))
