;; mon.wat -- wei case not-probe: an export named like a probe that does
;; not parse is ignored with a warning; the other probe attaches.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $n (mut i32) (i32.const 0))
  (data (i32.const 16) "calls x")
  (func (export "wasm:opcode:br_if(arg0") (param i32))
  (func (export "wasm:opcode:call") (global.set $n (i32.add (global.get $n) (i32.const 1))))
  (func (export "wasm:exit")
    (i32.store8 (i32.const 22) (i32.add (i32.const 48) (global.get $n)))
    (i32.store8 (i32.const 23) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 8))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
