// Operator precedence, casts, ternaries, tuples, map/tuple indexing.
var m: map<u32, (i32, i32)>;
wasm:opcode:i32.add:before {
    var a: i32 = arg0;
    var b: i32 = arg1;
    var c: bool = a < b || a == b && b != 0;      // (a<b || a==b) && b!=0
    var d: bool = !c;
    var e: i32 = ~a;
    var f: i32 = a & 1 | b ^ 2 << 3 + 4 * 5 / 6 % 7;
    var g: bool = (a & 1) == 0;
    var h: u8 = (a as u32) as u8;
    var i: bool = !a as bool;                  // !(a as bool)
    var j: i32 = c ? a : b;
    var k: f64 = 1 > 0 ? 1.5 : 2.5;
    var l: (i32, (bool, str)) = (a, (c, "s"));
    var n: bool = l.1.0;
    var o: (i32, i32) = m[3];
    var p: i32 = o.0;
    var q: () = ();
    var r: i32 = a -1;                         // binary minus
    var s: u64 = a as u64 + 1;
    var u: f32 = b as f32 / 2.0;
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
