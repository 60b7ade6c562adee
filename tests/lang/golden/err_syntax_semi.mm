wasm:opcode:nop:before {
    var x: i32 = 1
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_semi.mm:3:1: error: expected `;` after the statement, found `}` [E0301]
//     3 | }
//       | ^
