;; mon.wat -- wei case bad-monitor: one export per kind of error.
(module
  (memory (export "memory") 1)
  (func (export "$p") (param i32) (result i32) (i32.const 1))
  (func (export "wasm:opcode:br_iff(arg0)") (param i32))
  (func (export "wasm:opcode:br_if(arg0)") (param f64))
  (func (export "wasm:opcode:br_if / $p(arg0) /"))
  (func (export "wasm:opcode:call") (param i32))
  (func (export "wasm:opcode:nop(pc, fid)"))
  (func (export "syscall:open:enter(arg0)") (param i32))
  (func (export "wasm:opcode:br_if / $q(pc) /"))
  (func (export "wasm:func:entry(fname)") (param i32))
  (func (export "wei_p0")))
