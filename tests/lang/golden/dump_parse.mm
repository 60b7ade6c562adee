// RUN: check -d P
use whamm_core;
var n: i32 = 0x1F;
fn inc(x: i32) -> i32 { return x + 1; }
wasm:opcode:br_if(arg0: u32):before / pc > 2 && (arg0 == 1 || !at_func_end) / {
    n = inc(n) * 2 - -1;
    if (n > 3) { n--; } elif (n < 0) { n++; }
}
// ---- expected (exit 0) ----
// stdout:
// use whamm_core;
// var n: i32 = 31;
// fn inc(x: i32) -> i32 {
//     return x + 1;
// }
// wasm:opcode:br_if(arg0: u32):before / (pc > 2) && ((arg0 == 1) || !at_func_end) / {
//     n = (inc(n) * 2) - -1;
//     if (n > 3) {
//         n--;
//     } elif (n < 0) {
//         n++;
//     }
// }
// stderr:
