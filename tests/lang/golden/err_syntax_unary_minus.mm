wasm:opcode:nop:before {
    var x: i32 = 1;
    var y: i32 = -x;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_unary_minus.mm:3:18: error: expected a number after `-` (there is no unary minus; write `0 - x`) [E0301]
//     3 |     var y: i32 = -x;
//       |                  ^~
