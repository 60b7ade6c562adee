;; app.wat -- resolved-wat: indirect calls through a table that the
;; program changes at run time with every table instruction.
;; Function indices: inc 0, dbl 1, neg 2, sq 3, call 4, tail 5, start 6.
;; Table $t (0) starts as [inc dbl neg null null null null null] (8 of at
;; most 16 entries); table $u (1) has 2 null entries; $seg is passive.
;; _start sums the results of 16 indirect calls into $acc and checks the
;; sum (84, see NOTES): a wrong target ends in `unreachable`.
(module
  (type $i2i (func (param i32) (result i32)))
  (table $t 8 16 funcref)
  (table $u 2 funcref)
  (elem (table $t) (i32.const 0) func $inc $dbl $neg)
  (elem $seg func $sq $inc)
  (global $g (mut funcref) (ref.null func))
  (func $inc (type $i2i) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $i2i) (i32.mul (local.get 0) (i32.const 2)))
  (func $neg (type $i2i) (i32.sub (i32.const 0) (local.get 0)))
  (func $sq (type $i2i) (i32.mul (local.get 0) (local.get 0)))
  (func $call (param $slot i32) (param $x i32) (result i32)
    (call_indirect $t (type $i2i) (local.get $x) (local.get $slot)))
  (func $tail (param $slot i32) (param $x i32) (result i32)
    (return_call_indirect $t (type $i2i) (local.get $x) (local.get $slot)))
  (func $start (export "_start") (local $acc i32) (local $f funcref)
    ;; 1-3: the entries the element segment put there
    (local.set $acc (call $call (i32.const 0) (i32.const 5)))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 1) (i32.const 5))))
    (local.set $acc (i32.add (local.get $acc)
      (call_indirect $t (type $i2i) (i32.const 5) (i32.const 2))))
    ;; 4: table.set from ref.func
    (table.set $t (i32.const 3) (ref.func $sq))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 3) (i32.const 5))))
    ;; 5: table.copy within $t: slots 4, 5 <- 0, 1
    (table.copy $t $t (i32.const 4) (i32.const 0) (i32.const 2))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 5) (i32.const 7))))
    ;; 6: table.init from the passive segment, then elem.drop
    (table.init $t $seg (i32.const 6) (i32.const 0) (i32.const 2))
    (elem.drop $seg)
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 6) (i32.const 3))))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 7) (i32.const 3))))
    ;; 7: table.grow by 2 with neg: slots 8, 9
    (drop (table.grow $t (ref.func $neg) (i32.const 2)))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 9) (i32.const 4))))
    ;; 8: table.set from table.get: slot 1 <- slot 3 (sq)
    (table.set $t (i32.const 1) (table.get $t (i32.const 3)))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 1) (i32.const 4))))
    ;; 9: table.fill slots 4, 5 with neg
    (table.fill $t (i32.const 4) (ref.func $neg) (i32.const 2))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 4) (i32.const 6))))
    ;; 10: table.copy across tables: $u[0..2) <- $t[8..10) (neg, neg)
    (table.copy $u $t (i32.const 0) (i32.const 8) (i32.const 2))
    (local.set $acc (i32.add (local.get $acc)
      (call_indirect $u (type $i2i) (i32.const 1) (i32.const 1))))
    ;; 11: a tail call through slot 0 (inc)
    (local.set $acc (i32.add (local.get $acc) (call $tail (i32.const 0) (i32.const 10))))
    ;; 12: grow by one null entry (slot 10) and read it
    (drop (table.grow $t (ref.null func) (i32.const 1)))
    (if (i32.eqz (ref.is_null (table.get $t (i32.const 10)))) (then unreachable))
    ;; 13: a funcref from a local: its record says dbl
    (local.set $f (ref.func $dbl))
    (table.set $t (i32.const 2) (local.get $f))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 2) (i32.const 1))))
    ;; 14: a funcref from a global: its record says sq
    (global.set $g (ref.func $sq))
    (table.set $t (i32.const 2) (global.get $g))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 2) (i32.const 2))))
    ;; 15: a funcref from a select: whamm cannot tell which function it is
    (table.set $t (i32.const 2)
      (select (result funcref) (ref.func $neg) (local.get $f) (i32.const 1)))
    (local.set $acc (i32.add (local.get $acc) (call $call (i32.const 2) (i32.const 1))))
    (if (i32.ne (local.get $acc) (i32.const 84)) (then unreachable))))
