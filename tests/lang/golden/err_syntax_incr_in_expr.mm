wasm:opcode:nop:before {
    var i: i32;
    if (i++ == 0) {}
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_incr_in_expr.mm:3:10: error: expected `)`, found `++` [E0301]
//     3 |     if (i++ == 0) {}
//       |          ^~
