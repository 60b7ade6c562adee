// A script with no probe is a parse error.
var count: map<i32,i32>;
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_no_probe.mm:1:1: error: a script needs at least one probe (e.g. `wasm:opcode:call:before { ... }`) [E0301]
//     1 | // A script with no probe is a parse error.
//       | ^
