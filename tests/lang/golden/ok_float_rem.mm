// RUN: check -d F
// Float `%` folds as copysign(a - floor(a / b) * b, a) (the reference's
// definition, not C's fmod); a NaN or infinite result is left to run time.
wasm:opcode:br_if:before {
    var a: f64 = 7.5 % 2.0;
    var b: f64 = -7.5 % 2.0;
    var c: f64 = 7.5 % -2.0;
    var d: f64 = -1.0 % 3.0;
    var e: f32 = -6.0 % 3.0;
    var f: f64 = 7.5 % 0.0;
    var g: f64 = 2.0 % 1e999;
}
// ---- expected (exit 0) ----
// stdout:
// wasm:opcode:br_if:before {
//     var a: f64 = 1.5;
//     var b: f64 = -0.5;
//     var c: f64 = 0.5;
//     var d: f64 = -2.0;
//     var e: f32 = -0.0;
//     var f: f64 = 7.5 % 0.0;
//     var g: f64 = 2.0 % 1e999;
// }
// stderr:
