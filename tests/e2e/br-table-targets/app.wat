;; app.wat -- e2e case br-table-targets: $pick(i) runs one br_table with
;; targets 0 -> depth 2, 1 -> depth 0, 2 -> depth 1 and default depth 3;
;; _start calls it with i = 0, 1, 2, 7, 1.  Function indices: pick 0,
;; start 1.
(module
  (memory (export "memory") 1)
  (func $pick (param $i i32)
    (block
      (block
        (block
          (block
            (br_table 2 0 1 3 (local.get $i)))))))
  (func $start (export "_start")
    (call $pick (i32.const 0))
    (call $pick (i32.const 1))
    (call $pick (i32.const 2))
    (call $pick (i32.const 7))
    (call $pick (i32.const 1))))
