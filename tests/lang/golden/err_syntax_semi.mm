// A missing `;` is reported just after the statement's last token (not at
// the next line's first token), with the fix; parsing goes on as if it
// were there, so the next line is still checked (the `2 2` below).
wasm:opcode:nop:before {
    var x: i32 = 1
    var y: i32
    x = y + 2 2;
    y = x
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_semi.mm:5:19: error: expected `;` at the end of the statement [E0301]
//     5 |     var x: i32 = 1
//       |                   ^
// note: insert `;` after `1`
// err_syntax_semi.mm:6:15: error: expected `;` at the end of the statement [E0301]
//     6 |     var y: i32
//       |               ^
// note: insert `;` after `i32`
// err_syntax_semi.mm:7:15: error: expected `;` after the statement, found `2` [E0301]
//     7 |     x = y + 2 2;
//       |               ^
// err_syntax_semi.mm:8:10: error: expected `;` at the end of the statement [E0301]
//     8 |     y = x
//       |          ^
// note: insert `;` after `x`
