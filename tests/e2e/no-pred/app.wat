;; app.wat -- no-pred (pred-arg0's app): half(x) = x / 2 (i32.div_s) is called with 3, 7,
;; -1 and 9 from four call sites; _start prints the sum 1 + 3 + 0 + 4 = 8
;; as "08\n".  Function indices: fd_write 0, half 1, print2 2, start 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "??\n")
  (func $half (param $x i32) (result i32)
    (i32.div_s (local.get $x) (i32.const 2)))
  ;; prints v (0..99) as two digits and a newline (unsigned div/rem)
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
      (i32.add
        (i32.add (call $half (i32.const 3)) (call $half (i32.const 7)))
        (i32.add (call $half (i32.const -1)) (call $half (i32.const 9)))))))
