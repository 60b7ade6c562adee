;; app.wat -- persite case mixed: sum(4) adds 0 + 1 + 2 + 3 in a loop whose
;; straight line holds sites with code of their own (see derived.mm).
(module
  (memory (export "memory") 1)
  (func $sum (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    loop $again
      local.get $acc
      local.get $i
      i32.add
      local.set $acc
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $again
    end
    local.get $acc)
  (func $start (export "_start")
    i32.const 4
    call $sum
    drop))
