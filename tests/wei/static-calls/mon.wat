;; mon.wat -- wei case static-calls: a predicate helper that reads the
;; function's name from whamm_buffer, a nested static call, run-time values
;; (fid, a local with a type bound), a start function that prints while
;; binding, and wasm:exit.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "whamm_buffer") 1)
  (global (export "whamm_buffer:start") i32 (i32.const 2048))
  (global $calls (mut i32) (i32.const 0))
  (data (i32.const 200) "monitor ready\n")
  (func $write (param $at i32) (param $len i32)
    (i32.store (i32.const 100) (local.get $at))
    (i32.store (i32.const 104) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1)
                          (i32.const 108))))
  ;; the decimal of $v followed by the byte $sep
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
    (call $write (local.get $p) (i32.sub (i32.const 65) (local.get $p))))
  (func $init (call $write (i32.const 200) (i32.const 14)))
  (start $init)
  ;; 1 when the name (ptr, len) is "work"
  (func (export "$only") (param $p i32) (param $n i32) (result i32)
    (if (result i32) (i32.ne (local.get $n) (i32.const 4))
      (then (i32.const 0))
      (else (i32.eq (i32.load (local.get $p))
                    (i32.const 0x6b726f77)))))  ;; "work", little-endian
  (func (export "$x10") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 10)))
  (func (export "wasm:opcode:call / $only(fname) / ($x10(pc), fid)")
        (param $x i32) (param $fid i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (call $put (local.get $x) (i32.const 32))
    (call $put (local.get $fid) (i32.const 10)))
  (func (export "wasm:func:entry (fid, local0)")
        (param $fid i32) (param $l0 i32)
    (call $put (i32.const 0) (i32.const 101))  ;; "0e": marks an entry
    (call $put (local.get $fid) (i32.const 32))
    (call $put (local.get $l0) (i32.const 10)))
  (func (export "wasm:exit")
    (call $put (global.get $calls) (i32.const 10))))
