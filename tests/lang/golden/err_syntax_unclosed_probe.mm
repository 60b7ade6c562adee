// A probe whose `}` is missing: the error says so at the end of its last
// statement, and the next probe is parsed as a probe (its own error is
// reported, with no follow-up errors).
report var n: u32;
wasm:opcode:call:before {
    n++;
wasm:opcode:br:before {
    n = n + ;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_unclosed_probe.mm:6:9: error: expected `}` to close the block before the next probe [E0301]
//     6 |     n++;
//       |         ^
// note: insert `}` before line 7
// err_syntax_unclosed_probe.mm:8:13: error: expected an expression, found `;` [E0301]
//     8 |     n = n + ;
//       |             ^
