;; app.wat -- alt-loop-pred: loops replaced by an alt whose predicate is
;; known only at run time (the function's argument), with branches inside
;; the loops to blocks outside them.  Uninstrumented: sum(n) = 0+..+(n-1),
;; steps(x) = max(1, x), lres(x) = max(1, x); printed as two digits each.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $print (param $v i32)
    (i32.store8 (i32.const 16)
      (i32.add (i32.div_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 17)
      (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 18) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  ;; a br_if out of the loop to $out, a br back to its head
  (func $sum (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (block $out
      (loop $l
        (br_if $out (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  ;; a br_table inside the loop: to a block inside it, or out to $done
  (func $steps (param $x i32) (result i32) (local $k i32)
    (block $done
      (loop $l
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (block $again
          (br_table $again $done (i32.ge_u (local.get $k) (local.get $x))))
        (br $l)))
    (local.get $k))
  ;; a loop with a result
  (func $lres (param $x i32) (result i32) (local $k i32)
    (loop $l (result i32)
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get $x)))
      (local.get $k)))
  (func (export "_start")
    (call $print (call $sum (i32.const 3)))
    (call $print (call $sum (i32.const 4)))
    (call $print (call $sum (i32.const 5)))
    (call $print (call $steps (i32.const 0)))
    (call $print (call $steps (i32.const 3)))
    (call $print (call $lres (i32.const 7)))
    (call $print (call $lres (i32.const 2)))))
