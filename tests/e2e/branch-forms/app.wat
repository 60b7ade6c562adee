;; app.wat -- e2e case branch-forms: br_if and if sites whose probe tests
;; the condition and only counts.  whamm puts such a probe with the
;; branch: at a br_if that goes back to a loop, the taken arm's counts
;; go before the br_if and are undone where it falls through; at an if,
;; each arm's counts go into the matching arm (an else of whamm's own
;; where the if has none).  clamp's br_if carries a value forward: there
;; the probe runs before it as written.  Function indices: odds 0,
;; pick 1, keep 2, clamp 3, _start 4.
(module
  (memory (export "memory") 1)
  ;; the sum of the odd numbers among n, n-1, ..., 1 (a do-while), with an
  ;; if without an else in the loop
  (func $odds (param $n i32) (result i32) (local $s i32)
    loop $l
      local.get $n
      i32.const 1
      i32.and
      if
        local.get $s
        local.get $n
        i32.add
        local.set $s
      end
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $l
    end
    local.get $s)
  ;; x > 5 ? x * 2 : x + 1: an if with an else and a result
  (func $pick (param $x i32) (result i32)
    local.get $x
    i32.const 5
    i32.gt_s
    if (result i32)
      local.get $x
      i32.const 2
      i32.mul
    else
      local.get $x
      i32.const 1
      i32.add
    end)
  ;; stores x at address 8 unless x = 0: an if without an else whose arm
  ;; falls through to its end
  (func $keep (param $x i32)
    local.get $x
    if
      i32.const 8
      local.get $x
      i32.store
    end)
  ;; min(x, 10): the br_if carries 10 out of its block
  (func $clamp (param $x i32) (result i32)
    block $b (result i32)
      i32.const 10
      local.get $x
      i32.const 10
      i32.gt_s
      br_if $b
      drop
      local.get $x
    end)
  ;; odds(5) + pick(3) + pick(9) + mem[8] after keep(0), keep(7) +
  ;; clamp(3) + clamp(12) = 9 + 4 + 18 + 7 + 3 + 10 = 51; any other sum
  ;; divides by zero (a trap, no branch of its own)
  (func $start (export "_start")
    i32.const 1
    i32.const 5
    call $odds
    i32.const 3
    call $pick
    i32.add
    i32.const 9
    call $pick
    i32.add
    i32.const 0
    call $keep
    i32.const 7
    call $keep
    i32.const 8
    i32.load
    i32.add
    i32.const 3
    call $clamp
    i32.add
    i32.const 12
    call $clamp
    i32.add
    i32.const 51
    i32.eq
    i32.div_u
    drop))
