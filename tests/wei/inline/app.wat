;; app.wat -- wei case inline (the app of case branches): $loop runs its body 10 times, looping back
;; with br_if (taken 9 times, not taken once); $check leaves a block with
;; br_if when its argument is 0 (called with 0: taken, with 5: not taken).
(module
  (func $loop (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 10)))))
  (func $check (param $x i32)
    (block $out
      (br_if $out (i32.eqz (local.get $x)))
      nop))
  (func $_start (export "_start")
    call $loop
    (call $check (i32.const 0))
    (call $check (i32.const 5)))
  (memory (export "memory") 1))
