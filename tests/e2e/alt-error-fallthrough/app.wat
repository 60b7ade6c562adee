;; app.wat -- alt-error-fallthrough: a return inside an if of a function
;; that returns i32; code falling through in its place would reach the
;; if's end with a value the if does not take.
(module
  (func $f (param $x i32) (result i32)
    (if (local.get $x) (then (return (i32.const 1))))
    i32.const 2)
  (func (export "_start") (drop (call $f (i32.const 1)))))
