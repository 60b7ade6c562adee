// RUN: check {} ../multi/second.mm
// Two scripts in one run; each has its own globals.
var x: i32;
wasm:func:entry { x = 1; }
// ---- expected (exit 1) ----
// stdout:
// stderr:
// ../multi/second.mm:3:22: error: Type Mismatch, lhs:Boolean, rhs:I32 [E0501]
//     3 | wasm:func:exit { x = 1; }
//       |                      ^
