// br_if binds only arg0.
wasm:opcode:br_if:before / arg3 == 1 / {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_bound_not_available.mm:2:28: error: unknown bound variable `arg3` for `wasm:opcode:br_if:before` [E0404]
//     2 | wasm:opcode:br_if:before / arg3 == 1 / {}
//       |                            ^~~~
// note: `arg3` is not available: `br_if` has 1 argument
