wasm:opcode:nop:before {
    var x: u8 = 5 as i32 as u8;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_double_cast.mm:2:26: error: only one cast is allowed per operand; write `(x as T) as U` [E0301]
//     2 |     var x: u8 = 5 as i32 as u8;
//       |                          ^~
