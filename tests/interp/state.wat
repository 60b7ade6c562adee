;; State persists across calls on one instance: a global counter, a counter
;; in memory, and globals initialised from constant expressions and by
;; the start function.
(module
  (memory 1)
  (global $count (mut i32) (i32.const 0))
  (global $base i32 (i32.const 1000))
  (global $from_base (mut i64) (i64.const 5))
  (global $f (mut f64) (f64.const 1.5))
  (func $start (global.set $from_base (i64.add (global.get $from_base) (i64.const 37))))
  (start $start)
  (func (export "next") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.get $count))
  (func (export "bump") (result i32)
    (i32.store (i32.const 64) (i32.add (i32.load (i32.const 64)) (global.get $base)))
    (i32.load (i32.const 64)))
  (func (export "started") (result i64) (global.get $from_base))
  (func (export "halve") (result f64)
    (global.set $f (f64.div (global.get $f) (f64.const 2)))
    (global.get $f))
)
;; run started -> i64:42
;; run next -> i32:1
;; run next -> i32:2
;; run next -> i32:3
;; run bump -> i32:1000
;; run bump -> i32:2000
;; run next -> i32:4
;; run halve -> f64:0.75
;; run halve -> f64:0.375
