// One error, reported once, in the expansion where it occurs.
wasm:opcode:br|br_if:before {
    var c: u32 = arg0;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_multi_expansion.mm:3:18: error: unknown bound variable `arg0` for `wasm:opcode:br:before` [E0404]
//     3 |     var c: u32 = arg0;
//       |                  ^~~~
// note: while checking `wasm:opcode:br:before`
// note: `arg0` is not available: `br` has 0 arguments
