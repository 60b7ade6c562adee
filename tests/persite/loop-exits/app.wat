;; app.wat -- persite case loop-exits: f(n, k, t) runs a loop that calls
;; nothing, with a loop inside, and leaves it one of four ways: br_if
;; (i = n), br_table (i = k), return (acc > t) or falling out of its end
;; (i = 8); _start calls it once per way, then g, whose loop that calls
;; nothing runs `unreachable` in its third iteration.
(module
  (memory (export "memory") 1)
  (func $f (param $n i32) (param $k i32) (param $t i32) (result i32)
    (local $i i32) (local $j i32) (local $acc i32)
    block $out
      loop $outer
        local.get $i
        local.get $n
        i32.eq
        br_if $out
        i32.const 0
        local.set $j
        loop $inner          ;; j = 0 .. i: acc += j
          local.get $acc
          local.get $j
          i32.add
          local.set $acc
          local.get $j
          i32.const 1
          i32.add
          local.tee $j
          local.get $i
          i32.le_u
          br_if $inner
        end
        block $next
          local.get $i
          local.get $k
          i32.eq
          br_table $next $out
        end
        local.get $acc
        local.get $t
        i32.gt_u
        if
          local.get $acc
          return
        end
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        i32.const 8
        i32.lt_u
        br_if $outer
      end
    end
    local.get $acc)
  (func $g
    (local $i i32)
    loop $l
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 3
      i32.eq
      if
        unreachable
      end
      br $l
    end)
  (func $start (export "_start")
    i32.const 2
    i32.const 99
    i32.const 1000
    call $f          ;; leaves by br_if at i = 2
    drop
    i32.const 99
    i32.const 1
    i32.const 1000
    call $f          ;; by br_table at i = 1
    drop
    i32.const 99
    i32.const 99
    i32.const 5
    call $f          ;; by return at i = 3 (acc = 10)
    drop
    i32.const 99
    i32.const 99
    i32.const 1000
    call $f          ;; falls out after i = 7
    drop
    call $g))
