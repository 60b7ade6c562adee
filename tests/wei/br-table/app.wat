;; app.wat -- wei case br-table: two br_tables of different sizes.
;; $four's has labels 0 1 2 and the default 3 (relative depths);
;; $two's has label 0 and the default 1.
(module
  (func $four (param $x i32)
    (block $d
      (block $b2
        (block $b1
          (block $b0
            (br_table $b0 $b1 $b2 $d (local.get $x)))
          nop)
        nop)
      nop))
  (func $two (param $x i32)
    (block $a
      (block $b
        (br_table $b $a (local.get $x)))
      nop))
  (func $_start (export "_start")
    (call $four (i32.const 0))
    (call $four (i32.const 5))
    (call $two (i32.const 0))
    (call $two (i32.const 7)))
  (memory (export "memory") 1))
