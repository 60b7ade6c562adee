;; mon.wat -- a wei monitor written by hand (integration case wei.*): the
;; predicate $only keeps the entry of the function named "work" (its name
;; read from whamm_buffer while binding), the probe counts the entries and
;; wasm:exit prints "work entered N times".
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "whamm_buffer") 1)
  (global (export "whamm_buffer:start") i32 (i32.const 2048))
  (global $entries (mut i32) (i32.const 0))
  (data (i32.const 200) "work entered ")
  (data (i32.const 220) " times\n")
  (func $write (param $at i32) (param $len i32)
    (i32.store (i32.const 100) (local.get $at))
    (i32.store (i32.const 104) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1)
                          (i32.const 108))))
  ;; the decimal of $v, written before byte 64
  (func $put (param $v i32)
    (local $p i32)
    (local.set $p (i32.const 64))
    (loop $l
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $l (local.get $v)))
    (call $write (local.get $p) (i32.sub (i32.const 64) (local.get $p))))
  ;; 1 when the name (ptr, len) is "work"
  (func (export "$only") (param $p i32) (param $n i32) (result i32)
    (if (result i32) (i32.ne (local.get $n) (i32.const 4))
      (then (i32.const 0))
      (else (i32.eq (i32.load (local.get $p))
                    (i32.const 0x6b726f77)))))  ;; "work", little-endian
  (func (export "wasm:func:entry / $only(fname) /")
    (global.set $entries (i32.add (global.get $entries) (i32.const 1))))
  (func (export "wasm:exit")
    (call $write (i32.const 200) (i32.const 13))
    (call $put (global.get $entries))
    (call $write (i32.const 220) (i32.const 7))))
