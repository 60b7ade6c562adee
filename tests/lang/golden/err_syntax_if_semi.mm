// No `;` after an if statement.
wasm:opcode:nop:before {
    if (true) {};
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_if_semi.mm:3:17: error: expected a statement, found `;` [E0301]
//     3 |     if (true) {};
//       |                 ^
