wasm:opcode:nop:before {
    var arg0: i32;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_arg_decl.mm:2:9: error: a declared name cannot start with `arg` and a digit (those name bound variables) [E0301]
//     2 |     var arg0: i32;
//       |         ^~~~
