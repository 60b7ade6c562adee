// RUN: check {} ../multi/second.mm
// Two scripts in one run; each has its own globals.
var x: i32;
wasm:func:entry { x = 1; }
// ---- expected (exit 1) ----
// stdout:
// stderr:
// ../multi/second.mm:3:22: error: cannot assign a value of type i32 to a variable of type bool [E0501]
//     3 | wasm:func:exit { x = 1; }
//       |                      ^
