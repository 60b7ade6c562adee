wasm:opcode:nop:before / pc == / {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_expected_expr.mm:1:32: error: expected an expression, found `/` [E0301]
//     1 | wasm:opcode:nop:before / pc == / {}
//       |                                ^
