// Two independent syntax errors: both are reported (the parser resumes at
// the next statement), and nothing is reported for the correct lines
// between and after them.
report var calls: u32;
wasm:opcode:call:before {
    calls = calls + ;
    calls++;
    if (calls > 10 {
        calls = 0;
    }
    calls = calls * 2;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_two_errors.mm:6:21: error: expected an expression, found `;` [E0301]
//     6 |     calls = calls + ;
//       |                     ^
// err_syntax_two_errors.mm:8:20: error: expected `)`, found `{` [E0301]
//     8 |     if (calls > 10 {
//       |                    ^
