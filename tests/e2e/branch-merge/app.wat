;; app.wat -- e2e case branch-merge: br_if sites whose probe tests the
;; branch's condition.  whamm makes probe and branch one where the branch
;; goes forward to a label that takes no values (odd's block, maybe's
;; function label); where it goes back to a loop (sum) the taken count
;; goes before the branch instead, and where its label takes a value
;; (clamp) the probe runs before it as written.  Function indices: sum 0,
;; clamp 1, maybe 2, odd 3, _start 4.
(module
  (memory (export "memory") 1)
  ;; n + (n-1) + ... + 1 by a do-while: the br_if goes back to the loop
  (func $sum (param $n i32) (result i32) (local $s i32)
    loop $l
      local.get $s
      local.get $n
      i32.add
      local.set $s
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if $l
    end
    local.get $s)
  ;; min(x, 10): the br_if carries 10 out of its block when x > 10
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
  ;; stores x at address 4 unless x = 0: the br_if leaves the function
  (func $maybe (param $x i32)
    local.get $x
    i32.eqz
    br_if 0
    i32.const 4
    local.get $x
    i32.store)
  ;; 1 for an odd x, else 0: the br_if skips to its block's end
  (func $odd (param $x i32) (result i32) (local $r i32)
    block $even
      local.get $x
      i32.const 1
      i32.and
      i32.eqz
      br_if $even
      i32.const 1
      local.set $r
    end
    local.get $r)
  (func $start (export "_start")
    i32.const 4
    call $sum
    drop
    i32.const 3
    call $clamp
    drop
    i32.const 12
    call $clamp
    drop
    i32.const 15
    call $clamp
    drop
    i32.const 0
    call $maybe
    i32.const 7
    call $maybe
    i32.const 2
    call $odd
    i32.const 3
    call $odd
    i32.add
    i32.const 4
    call $odd
    i32.add
    drop))
