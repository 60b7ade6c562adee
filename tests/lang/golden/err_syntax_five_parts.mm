wasm:opcode:call:before:x {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_five_parts.mm:1:25: error: a probe rule has at most 4 parts (provider:package:event:mode) [E0301]
//     1 | wasm:opcode:call:before:x {}
//       |                         ^
