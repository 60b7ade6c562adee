;; app.wat -- after-res0: prints sum3(sq(1), sq(2), sq(3)) = 1 + 4 + 9 = 14
;; as "14\n".  Function indices: fd_write 0, sq 1, sum3 2, print2 3,
;; start 4.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "??\n")
  (func $sq (param $x i32) (result i32)
    (i32.mul (local.get $x) (local.get $x)))
  (func $sum3 (param $a i32) (param $b i32) (param $c i32) (result i32)
    local.get $a
    local.get $b
    i32.add
    local.get $c
    i32.add)
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
    (call $print2
      (call $sum3 (call $sq (i32.const 1)) (call $sq (i32.const 2))
                  (call $sq (i32.const 3))))))
