;; app.wat -- at-target-fn: br_table entries that leave the function (the
;; function body's label), next to entries for blocks.  Each call carries
;; 7: to $a it becomes 7+10+100 = 117, to $b 7+100 = 107, out of the
;; function 7.  _start checks every result (unreachable otherwise).
(module
  (memory (export "memory") 1)
  ;; x = 0 -> $a, 1 -> function, 2 -> $b, 3 -> function, else $a
  (func $pick (param $x i32) (result i32)
    (block $b (result i32)
      (block $a (result i32)
        (i32.const 7)
        (local.get $x)
        (br_table $a 2 $b 2 $a))
      (i32.const 10)
      (i32.add))
    (i32.const 100)
    (i32.add))
  ;; x = 0 -> $a, 1 -> $b, else the function
  (func $pick2 (param $x i32) (result i32)
    (block $b (result i32)
      (block $a (result i32)
        (i32.const 7)
        (local.get $x)
        (br_table $a $b 2))
      (i32.const 10)
      (i32.add))
    (i32.const 100)
    (i32.add))
  (func $expect (param $got i32) (param $want i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then unreachable)))
  (func (export "_start")
    (call $expect (call $pick (i32.const 0)) (i32.const 117))
    (call $expect (call $pick (i32.const 1)) (i32.const 7))
    (call $expect (call $pick (i32.const 2)) (i32.const 107))
    (call $expect (call $pick (i32.const 3)) (i32.const 7))
    (call $expect (call $pick (i32.const 5)) (i32.const 117))
    (call $expect (call $pick2 (i32.const 9)) (i32.const 7))
    (call $expect (call $pick2 (i32.const 1)) (i32.const 107))
    (call $expect (call $pick2 (i32.const 0)) (i32.const 117))))
