;; mon.wat -- wei case call-count: a per-site call counter written by hand.
;; The probe function takes one parameter more than its name lists (none),
;; so whamm attach calls $alloc(fname_ptr, fname_len, fid, pc) per site and
;; passes the offset; $alloc keeps [pc, count] blocks from 1024 on, and
;; wasm:exit prints one "PC COUNT" line per block, in site order.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (global $first i32 (i32.const 1024))
  ;; print the decimal of $v then the byte $sep
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
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108))))
  (func (export "$alloc") (param i32 i32 i32 i32) (result i32)
    (local $at i32)
    (local.set $at (global.get $next))
    (i32.store (local.get $at) (local.get 3))
    (global.set $next (i32.add (local.get $at) (i32.const 8)))
    (local.get $at))
  (func (export "wasm:opcode:call") (param $at i32)
    (i32.store offset=4 (local.get $at)
      (i32.add (i32.load offset=4 (local.get $at)) (i32.const 1))))
  (func (export "wasm:exit")
    (local $at i32)
    (local.set $at (global.get $first))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $at) (global.get $next)))
        (call $put (i32.load (local.get $at)) (i32.const 32))
        (call $put (i32.load offset=4 (local.get $at)) (i32.const 10))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $l)))))
