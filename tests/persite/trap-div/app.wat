;; app.wat -- persite case trap-div: quot(d) divides 100 by d in the middle
;; of its one straight-line segment; the second call, with d = 0, traps
;; there (integer divide by zero).
(module
  (memory (export "memory") 1)
  (func $quot (param $d i32) (result i32)
    i32.const 100
    local.get $d
    i32.div_u      ;; d = 0: a trap
    i32.const 1
    i32.add)
  (func $start (export "_start")
    i32.const 5
    call $quot
    drop
    i32.const 0
    call $quot
    drop))
