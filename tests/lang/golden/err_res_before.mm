// A result (resN) exists only after the instruction: in a `before`, `alt`
// or glob-of-modes probe it would match no site, so it is an error here.
report var r: i32;
wasm:opcode:i32.add:before { r = res0; }
wasm:opcode:i32.sub:after { r = res0; }
wasm:opcode:i32.mul:* { r = res0; }
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_res_before.mm:4:34: error: `res0` is a result of the instruction: it exists only in `after` probes, not in `before` [E0404]
//     4 | wasm:opcode:i32.add:before { r = res0; }
//       |                                  ^~~~
// note: use the mode `after` (e.g. `wasm:opcode:i32.add:after`)
// err_res_before.mm:6:29: error: `res0` is a result of the instruction: it exists only in `after` probes, not in `before` [E0404]
//     6 | wasm:opcode:i32.mul:* { r = res0; }
//       |                             ^~~~
// note: while checking `wasm:opcode:i32.mul:before`
// note: use the mode `after` (e.g. `wasm:opcode:i32.mul:after`)
// err_res_before.mm:6:29: error: `res0` is a result of the instruction: it exists only in `after` probes, not in `alt` [E0404]
//     6 | wasm:opcode:i32.mul:* { r = res0; }
//       |                             ^~~~
// note: while checking `wasm:opcode:i32.mul:alt`
// note: use the mode `after` (e.g. `wasm:opcode:i32.mul:after`)
