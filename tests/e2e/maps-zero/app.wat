;; app.wat -- e2e case maps-zero: _start calls $f 256 times in a loop;
;; $unused (never called) calls $g.  Function indices: f 0, g 1, unused 2,
;; start 3.
(module
  (memory (export "memory") 1)
  (func $f)
  (func $g)
  (func $unused (call $g))
  (func $start (export "_start") (local $i i32)
    loop
      (call $f)
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 256
      i32.lt_u
      br_if 0
    end))
