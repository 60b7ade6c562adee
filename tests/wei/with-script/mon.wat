;; mon.wat -- wei case with-script (the monitor of case branches): counts taken and not-taken br_ifs in two
;; globals and prints "TAKEN NOT_TAKEN" at the end.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $taken (mut i32) (i32.const 0))
  (global $not (mut i32) (i32.const 0))
  (func $put (param $v i32) (param $sep i32)
    (local $p i32)
    (local.set $p (i32.const 64))
    (i32.store8 (local.get $p) (local.get $sep))
    (loop $l
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $l (local.get $v)))
    (i32.store (i32.const 100) (local.get $p))
    (i32.store (i32.const 104) (i32.sub (i32.const 65) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1)
                          (i32.const 108))))
  (func (export "wasm:opcode:br_if(arg0)") (param $c i32)
    (if (local.get $c)
      (then (global.set $taken (i32.add (global.get $taken) (i32.const 1))))
      (else (global.set $not (i32.add (global.get $not) (i32.const 1))))))
  (func (export "wasm:exit")
    (call $put (global.get $taken) (i32.const 32))
    (call $put (global.get $not) (i32.const 10))))
