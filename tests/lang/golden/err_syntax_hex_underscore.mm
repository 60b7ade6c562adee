wasm:opcode:nop:before {
    var x: u64 = 0x1_0000;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_hex_underscore.mm:2:18: error: invalid digit in an integer literal [E0301]
//     2 |     var x: u64 = 0x1_0000;
//       |                  ^~~
