var g: i32 = "text";
wasm:opcode:br_if:before / pc / {
    var a: u32 = arg0;
    var b: bool = 1 + a == 2;
    var f: f32 = 1.5;
    var s: i32 = f << 1;
    unshared var m: map<i32, str>;
    m["k"] = "v";
    var t: (i32, i32) = (1, 2, 3);
    var e: i32 = t.5;
    if (a) {}
    var n: bool = !a;
    var q: i32 = true ? 1 : "no";
    var big: i32 = 3e10;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_types.mm:1:14: error: Type Mismatch, lhs:I32, rhs:Str [E0501]
//     1 | var g: i32 = "text";
//       |              ^~~~~~
// err_types.mm:2:28: error: Predicate must be of type boolean, found U32 [E0510]
//     2 | wasm:opcode:br_if:before / pc / {
//       |                            ^~
// err_types.mm:4:23: error: CastError: Cannot implicitly cast expression. Please add an explicit cast. (left is i32, right is u32) [E0502]
//     4 |     var b: bool = 1 + a == 2;
//       |                       ^
// err_types.mm:6:18: error: Left shift operation not allowed on type: f32 [E0503]
//     6 |     var s: i32 = f << 1;
//       |                  ^~~~~~
// err_types.mm:8:7: error: Type Mismatch, expected key type: I32, actual key type:Str [E0507]
//     8 |     m["k"] = "v";
//       |       ^~~
// err_types.mm:9:25: error: TypeError: Tuple value at this location exceeded the expected tuple length of: 2. [E0501]
//     9 |     var t: (i32, i32) = (1, 2, 3);
//       |                         ^~~~~~~~~
// err_types.mm:10:18: error: Tuple index 5 out of bounds (tuple has 2 elements) [E0508]
//    10 |     var e: i32 = t.5;
//       |                  ^~~
// err_types.mm:11:9: error: Condition must be of type boolean, found U32 [E0510]
//    11 |     if (a) {}
//       |         ^
// err_types.mm:12:19: error: Not operator can only be applied to boolean, found u32 [E0503]
//    12 |     var n: bool = !a;
//       |                   ^~
// err_types.mm:13:18: error: Consequent and alternative must have the same type (i32 and str) [E0501]
//    13 |     var q: i32 = true ? 1 : "no";
//       |                  ^~~~~~~~~~~~~~~
// err_types.mm:14:20: error: CastError: Cannot implicitly cast out of min/max range. Please add an explicit cast. [E0502]
//    14 |     var big: i32 = 3e10;
//       |                    ^~~~
