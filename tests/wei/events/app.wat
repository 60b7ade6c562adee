;; app.wat -- wei case events: $g (fid 0) selects with br_table; index 0
;; leaves block $a and loads from offset 12, index 1 leaves $b and returns 7.
(module
  (memory (export "memory") 1)
  (func $g (param i32) (result i32)
    (block $a
      (block $b
        (br_table $a $b (local.get 0)))
      (return (i32.const 7)))
    (i32.load offset=12 align=4 (i32.const 0)))
  (func (export "_start")
    (drop (call $g (i32.const 0)))
    (drop (call $g (i32.const 1)))))
