;; mon.wat -- wei case wildcard: `wasm:opcode:*` with an i64 operand: the
;; parameter's type selects the sites whose top operand is an i64.
(module
  (import "wizeng" "puti" (func $puti (param i32)))
  (import "wizeng" "putc" (func $putc (param i32)))
  (memory (export "memory") 1)
  (func (export "wasm:opcode:*(pc, arg0)") (param $pc i32) (param $v i64)
    (call $puti (local.get $pc))
    (call $putc (i32.const 58))
    (call $puti (i32.wrap_i64 (local.get $v)))
    (call $putc (i32.const 10))))
