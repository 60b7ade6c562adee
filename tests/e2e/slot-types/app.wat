;; app.wat -- e2e case slot-types: one call site of $f in a loop that runs
;; 3 times.  Function indices: f 0, start 1.
(module
  (memory (export "memory") 1)
  (func $f)
  (func $start (export "_start") (local $i i32)
    loop
      (call $f)
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 3
      i32.lt_u
      br_if 0
    end))
