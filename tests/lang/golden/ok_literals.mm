// Every literal form.
wasm:opcode:nop:before {
    var h: u32 = 0xFFFFFFFF;      // 4294967295, not -1
    var h2: u64 = 0XdeadBEEF;
    var b: u8 = 0b10101010;
    var d: i64 = 1_000_000;
    var neg: i32 = -42;
    var z: i32 = 0;
    var trunc8: u8 = 300;         // bit truncation: 44
    var trunc_i8: i8 = 200;       // -56
    var f1: f32 = 2.5E-3;
    var f2: f32 = 1e5;
    var f3: f32 = 1.e5;
    var f4: f32 = 9.;
    var f5: f32 = 0.25;
    var f6: f64 = -6E41;          // overflows f32: typed f64
    var f7: f32 = 5.0e333;        // infinite in both: f32 +inf
    var f8: f32 = -inf;
    var f9: f32 = -NaN;
    var f10: f32 = 1_0.5;
    var t: bool = true;
    var fa: bool = false;
    var s: str = "hello drop\u{1F600}😀\x41\n";
    var e: str = "\r\t\"\'\\\0\xE9";
    var u: u64 = 18446744073709551615;
    var i: i32 = 1.9;             // float literal into an int: truncated
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
