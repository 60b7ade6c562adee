wasm:opcode:nop:before {}
use whamm_core;
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_use_after_probe.mm:2:1: error: `use` must come before the first probe [E0301]
//     2 | use whamm_core;
//       | ^~~
