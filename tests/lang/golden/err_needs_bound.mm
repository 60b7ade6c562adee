// call's arguments are pattern-named with unknown type (no type bound).
wasm:opcode:call:before {
    var a: i32 = arg0;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_needs_bound.mm:3:18: error: the type of `arg0` is not known for `wasm:opcode:call:before` [E0405]
//     3 |     var a: i32 = arg0;
//       |                  ^~~~
// note: declare a type bound: `wasm:opcode:call(arg0: i32):before`
