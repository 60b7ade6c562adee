;; lib-counter.wat -- e2e case lib-calls: a user library with no memory,
;; state in a global, and i32/i64/f64 signatures.
(module
  (global $n (mut i32) (i32.const 100))
  (func (export "next") (result i32)
    global.get $n
    i32.const 1
    i32.add
    global.set $n
    global.get $n)
  (func (export "is_even") (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.and
    i32.eqz)
  (func (export "scale") (param i64 f64) (result f64)
    local.get 0
    f64.convert_i64_s
    local.get 1
    f64.mul)
  (func (export "reset") (param i32)
    local.get 0
    global.set $n))
