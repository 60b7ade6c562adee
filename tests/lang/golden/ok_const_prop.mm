// RUN: check -d F
// A global assigned once, by its initialiser, is a constant
// (so `/ x == 5 /` folds to true); `y` is assigned twice and stays.
var x: i32 = 5;
var y: i32 = 1;
wasm:opcode:br_if:before / x == 5 && y == 1 / {
    y = x + 1;
}
// ---- expected (exit 0) ----
// stdout:
// var x: i32 = 5;
// var y: i32 = 1;
// wasm:opcode:br_if:before / y == 1 / {
//     y = 6;
// }
// stderr:
