;; lib-notes.wat -- e2e case lib-init: counts and sums what it is told.
(module
  (global $n (mut i32) (i32.const 0))
  (global $sum (mut i32) (i32.const 0))
  (func (export "note") (param i32)
    global.get $n
    i32.const 1
    i32.add
    global.set $n
    global.get $sum
    local.get 0
    i32.add
    global.set $sum)
  (func (export "notes") (result i32)
    global.get $n)
  (func (export "sum") (result i32)
    global.get $sum))
