// RUN: check -d F
// Constant folding with -d F; no match site, so only
// literals fold.
wasm:opcode:br_if:before / 1 == 1 && arg0 != 0 / {
    var a: u8 = 255 + 1;
    var b: i32 = 7 / 2;
    if (2 > 1) {
        a = 1;
    } else {
        a = 2;
    }
    var c: bool = "x" == "y" || false;
}
// ---- expected (exit 0) ----
// stdout:
// wasm:opcode:br_if:before / arg0 != 0 / {
//     var a: u8 = 0;
//     var b: i32 = 3;
//     a = 1;
//     var c: bool = false;
// }
// stderr:
