;; app.wat -- persite case branch-trap: h(n) runs a loop that calls
;; nothing, with an if (odd i) and a br_if back to the loop; its load's
;; address is -4 when i = 3, out of bounds: h(2) returns, h(5) traps in
;; its fourth iteration (a trap the engine raises), after that
;; iteration's if.
(module
  (memory (export "memory") 1)
  (func $h (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    loop $l
      local.get $i
      i32.const 1
      i32.and
      if
        local.get $acc
        i32.const 10
        i32.add
        local.set $acc
      end
      local.get $acc
      local.get $i
      i32.const 3
      i32.eq
      i32.const -4
      i32.mul
      i32.load
      i32.add
      local.set $acc
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $acc)
  (func $start (export "_start")
    i32.const 2
    call $h
    drop
    i32.const 5
    call $h
    drop))
