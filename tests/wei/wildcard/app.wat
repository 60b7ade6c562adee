;; app.wat -- wei case wildcard: _start's code starts at 1 (empty locals):
;; i64.const 5 at 1, call $f at 3, drop 5, i64.const 7 at 6, drop 8,
;; i32.const 1 at 9, drop 11.
(module
  (func $f (param i64) (result i64) (local.get 0))
  (func (export "_start")
    (drop (call $f (i64.const 5)))
    (drop (i64.const 7))
    (drop (i32.const 1)))
  (memory (export "memory") 1))
