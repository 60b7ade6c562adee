// An error in one probe does not hide the errors of the next ones: a bad
// statement (probe 1), a bad predicate, whose body is still parsed
// (probe 2), and a bad rule part bound (probe 3).
report var n: u32;
wasm:opcode:call:before {
    n = (n + 1;
}
wasm:opcode:br_if:before / n > / {
    n = n +* 2;
}
wasm:opcode:nop(arg0 i32):before {
    n++;
}
wasm:opcode:drop:before {
    n = 1 n;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_next_probe.mm:6:15: error: expected `)` or `,`, found `;` [E0301]
//     6 |     n = (n + 1;
//       |               ^
// err_syntax_next_probe.mm:8:32: error: expected an expression, found `/` [E0301]
//     8 | wasm:opcode:br_if:before / n > / {
//       |                                ^
// err_syntax_next_probe.mm:9:12: error: expected an expression, found `*` [E0301]
//     9 |     n = n +* 2;
//       |            ^
// err_syntax_next_probe.mm:11:22: error: expected `:`, found `i32` [E0301]
//    11 | wasm:opcode:nop(arg0 i32):before {
//       |                      ^~~
// err_syntax_next_probe.mm:15:11: error: expected `;` after the statement, found `n` [E0301]
//    15 |     n = 1 n;
//       |           ^
