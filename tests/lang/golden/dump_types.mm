// RUN: check -d T
var n: u32;
wasm:opcode:br_if:before / pc > 2 / {
    n = arg0 + imm0;
}
// ---- expected (exit 0) ----
// stdout:
// var n: u32;
// // expands to: wasm:opcode:br_if:before
// wasm:opcode:br_if:before / pc/*:u32*/ > 2 / {
//     n/*:u32*/ = arg0/*:u32*/ + imm0/*:u32*/;
// }
// stderr:
