;; readable.wat -- the module of app.hex as text (documentation only: wabt
;; 1.0.32 cannot assemble typed function references; gen-app.py writes the
;; bytes).  fids: inc 0, dbl 1, neg 2, sq 3, swap 4, apply 5, pick 6,
;; tail 7, tail_p 8, _start 9.  _start sums the results of 19 calls through
;; funcrefs into $acc and ends in `unreachable` unless the sum is 220.
(module
  (type $i_i (func (param i32) (result i32)))
  (type $v (func))
  (type $hof (func (param (ref null $i_i) i32) (result i32)))
  (type $pick (func (param i32) (result (ref null $i_i))))
  (table $t 4 (ref null $i_i))
  (global $g (mut (ref null $i_i)) (ref.null $i_i))
  (global $gi (ref null $i_i) (ref.func $inc))
  (export "_start" (func $_start))
  (elem (table $t) (i32.const 0) (ref null $i_i)
    (ref.func $inc) (ref.func $dbl) (ref.func $neg) (ref.func $sq))
  (elem declare func $swap)
  (func $inc (type $i_i) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $i_i) (i32.mul (local.get 0) (i32.const 2)))
  (func $neg (type $i_i) (i32.sub (i32.const 0) (local.get 0)))
  (func $sq (type $i_i) (i32.mul (local.get 0) (local.get 0)))
  (func $swap (type $i_i)                       ;; $g <- inc; returns x
    (global.set $g (ref.func $inc)) (local.get 0))
  (func $apply (type $hof)                      ;; through a parameter
    (call_ref $i_i (local.get 1) (local.get 0)))
  (func $pick (type $pick) (table.get $t (local.get 0)))
  (func $tail (type $i_i) (local $f (ref null $i_i))
    (local.set $f (ref.func $dbl))
    (return_call_ref $i_i (local.get 0) (local.get $f)))
  (func $tail_p (type $hof)                     ;; through a parameter
    (return_call_ref $i_i (local.get 1) (local.get 0)))
  (func $_start (type $v) (local $acc i32) (local $f (ref null $i_i))
    (local $i i32)
    ;; 1: right before
    (local.set $acc (i32.add (call_ref $i_i (i32.const 5) (ref.func $inc))
                             (local.get $acc)))
    ;; 2: a local
    (local.set $f (ref.func $dbl))
    (local.set $acc (i32.add (call_ref $i_i (i32.const 5) (local.get $f))
                             (local.get $acc)))
    ;; 3: local.tee
    (local.set $acc (i32.add (call_ref $i_i (i32.const 3)
                               (local.tee $f (ref.func $neg)))
                             (local.get $acc)))
    ;; 4: a mutable global
    (global.set $g (ref.func $sq))
    (local.set $acc (i32.add (call_ref $i_i (i32.const 4) (global.get $g))
                             (local.get $acc)))
    ;; 5: an immutable global (its initialiser)
    (local.set $acc (i32.add (call_ref $i_i (i32.const 7) (global.get $gi))
                             (local.get $acc)))
    ;; 6: ref.as_non_null of a local
    (local.set $acc (i32.add (call_ref $i_i (i32.const 6)
                               (ref.as_non_null (local.get $f)))
                             (local.get $acc)))
    ;; 7: table.get
    (local.set $acc (i32.add (call_ref $i_i (i32.const 2)
                               (table.get $t (i32.const 3)))
                             (local.get $acc)))
    ;; 8: a loop: $f <- $t[i], i = 0..3
    (loop
      (local.set $f (table.get $t (local.get $i)))
      (local.set $acc (i32.add (call_ref $i_i (i32.const 10) (local.get $f))
                               (local.get $acc)))
      (br_if 0 (i32.lt_s (local.tee $i (i32.add (local.get $i) (i32.const 1)))
                         (i32.const 4))))
    ;; 9: table.set from a local ($f = sq), then call through that entry
    (table.set $t (i32.const 0) (local.get $f))
    (local.set $acc (i32.add (call_ref $i_i (i32.const 3)
                               (table.get $t (i32.const 0)))
                             (local.get $acc)))
    ;; 10: $g <- swap; the call to swap sets $g <- inc; then through $g
    (global.set $g (ref.func $swap))
    (local.set $acc (i32.add (call_ref $i_i (i32.const 7) (global.get $g))
                             (local.get $acc)))
    (local.set $acc (i32.add (call_ref $i_i (i32.const 7) (global.get $g))
                             (local.get $acc)))
    ;; 11: a parameter (in apply)
    (local.set $acc (i32.add (call $apply (ref.func $dbl) (i32.const 6))
                             (local.get $acc)))
    ;; 12: a call's result
    (local.set $acc (i32.add (call_ref $i_i (i32.const 9)
                               (call $pick (i32.const 1)))
                             (local.get $acc)))
    ;; 13, 14: return_call_ref through a local, through a parameter
    (local.set $acc (i32.add (call $tail (i32.const 5)) (local.get $acc)))
    (local.set $acc (i32.add (call $tail_p (ref.func $neg) (i32.const 5))
                             (local.get $acc)))
    ;; 15: a block's result
    (local.set $acc (i32.add (call_ref $i_i (i32.const 4)
                               (block (result (ref null $i_i)) (ref.func $inc)))
                             (local.get $acc)))
    (if (i32.ne (local.get $acc) (i32.const 220)) (then unreachable))))
