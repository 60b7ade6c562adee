;; app.wat -- persite cases hot-loop and hot-trap: a loop in _start that
;; calls step(i) and leaves a block early; at i = 4 the program raises a
;; trap itself (`unreachable`, hot-loop) or the engine traps on a load
;; (hot-trap).
(module
  (memory (export "memory") 1)
  (func $step (param $i i32) (result i32)
    block $odd
      local.get $i
      i32.const 1
      i32.and
      br_if $odd
      local.get $i
      i32.const 1
      i32.add
      return
    end
    local.get $i
    i32.const 3
    i32.mul)
  (func $start (export "_start")
    (local $i i32) (local $acc i32)
    loop $l
      local.get $acc
      local.get $i
      call $step
      i32.add
      local.set $acc
      block $skip
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        i32.const 4
        i32.ne
        br_if $skip
        i32.const -4
        i32.load         ;; i = 4: out of bounds, a trap the engine raises
        drop
      end
      local.get $i
      i32.const 10
      i32.lt_u
      br_if $l
    end))
