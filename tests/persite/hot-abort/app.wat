;; app.wat -- persite case hot-abort: _start's loop calls check(i), which
;; raises a trap itself (`unreachable`) when i = 4: a call that may end
;; the program, so counts must not run ahead of it.
(module
  (memory (export "memory") 1)
  (func $check (param $i i32)
    local.get $i
    i32.const 4
    i32.eq
    if
      unreachable        ;; i = 4: the program raises a trap
    end)
  (func $start (export "_start")
    (local $i i32)
    loop $l
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      call $check
      local.get $i
      i32.const 10
      i32.lt_u
      br_if $l
    end))
