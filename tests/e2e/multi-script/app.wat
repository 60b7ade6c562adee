;; app.wat -- multi-script: f(x) = 3x is called from g (once) and from
;; _start (once directly, twice from a call site inside a loop); _start
;; checks f(1) + g() + f(2) + f(2) = 3 + 12 + 6 + 6 = 27 and prints "ok\n".
;; Function indices: fd_write 0, f 1, g 2, start 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $f (param $x i32) (result i32)
    (i32.mul (local.get $x) (i32.const 3)))
  (func $g (result i32)
    (call $f (i32.const 4)))
  (func $start (export "_start") (local $acc i32) (local $i i32)
    i32.const 1
    call $f
    call $g
    i32.add
    local.set $acc
    loop
      local.get $acc
      i32.const 2
      call $f
      i32.add
      local.set $acc
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 2
      i32.lt_u
      br_if 0
    end
    block
      local.get $acc
      i32.const 27
      i32.eq
      br_if 0
      unreachable
    end
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
