;; mon.wat -- wei case events: immediates, a memarg's offset, the br_table
;; operand and wasm:func:exit.
(module
  (import "wizeng" "puti" (func $puti (param i32)))
  (import "wizeng" "putc" (func $putc (param i32)))
  (memory (export "memory") 1)
  (func $sp (call $putc (i32.const 32)))
  (func (export "wasm:opcode:br_table(imm0, arg0)") (param i32 i32)
    (call $putc (i32.const 116)) (call $sp)
    (call $puti (local.get 0)) (call $sp)
    (call $puti (local.get 1)) (call $putc (i32.const 10)))
  (func (export "wasm:opcode:i32.load(offset, imm0)") (param i64 i32)
    (call $putc (i32.const 108)) (call $sp)
    (call $puti (i32.wrap_i64 (local.get 0))) (call $sp)
    (call $puti (local.get 1)) (call $putc (i32.const 10)))
  (func (export "wasm:func:exit(fid)") (param i32)
    (call $putc (i32.const 120)) (call $sp)
    (call $puti (local.get 0)) (call $putc (i32.const 10))))
