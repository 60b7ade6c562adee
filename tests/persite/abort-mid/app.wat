;; app.wat -- persite case abort-mid: the program stops at `unreachable`
;; (what abort() ends in) in the middle of a straight line, after a loop
;; that runs three times.
(module
  (memory (export "memory") 1)
  (func $start (export "_start")
    (local $i i32)
    loop $again
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 3
      i32.lt_u
      br_if $again
    end
    i32.const 7
    drop
    unreachable
    nop))
