;; app.wat -- calls-static: direct calls to named functions, from _start
;; and from $twice, one call site in a loop, one call to an import.
;; Function indices: fd_write 0, helper 1, other 2, twice 3, start 4.
;; Computes other(helper(other(twice(1)))) = 14, then 3 x helper -> 17,
;; checks it and prints "ok\n".
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $helper (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $other (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2)))
  (func $twice (param i32) (result i32)
    (call $helper (call $helper (local.get 0))))
  (func $start (export "_start") (local $v i32) (local $i i32)
    i32.const 1
    call $twice
    call $other
    call $helper
    call $other
    local.set $v
    ;; three times v = helper(v)
    loop
      local.get $v
      call $helper
      local.set $v
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 3
      i32.ne
      br_if 0
    end
    block
      local.get $v
      i32.const 17
      i32.eq
      br_if 0
      unreachable
    end
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
