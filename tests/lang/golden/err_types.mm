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
// err_types.mm:1:14: error: cannot assign a value of type str to a variable of type i32 [E0501]
//     1 | var g: i32 = "text";
//       |              ^~~~~~
// err_types.mm:2:28: error: a predicate must be a bool, found u32 [E0510]
//     2 | wasm:opcode:br_if:before / pc / {
//       |                            ^~
// err_types.mm:4:23: error: the operands of `+` have different types, i32 and u32, and whamm does not convert between them implicitly; convert one with `as` [E0502]
//     4 |     var b: bool = 1 + a == 2;
//       |                       ^
// err_types.mm:6:18: error: `<<` cannot be applied to a value of type f32 (it needs integers) [E0503]
//     6 |     var s: i32 = f << 1;
//       |                  ^~~~~~
// err_types.mm:8:7: error: a key of type str cannot index a map of type map<i32,str> (its keys are i32) [E0507]
//     8 |     m["k"] = "v";
//       |       ^~~
// err_types.mm:9:25: error: this tuple has 3 elements, but a value of type (i32,i32) has 2 [E0501]
//     9 |     var t: (i32, i32) = (1, 2, 3);
//       |                         ^~~~~~~~~
// err_types.mm:10:18: error: a tuple of type (i32,i32) has no element 5 (its elements are numbered from 0 to 1) [E0508]
//    10 |     var e: i32 = t.5;
//       |                  ^~~
// err_types.mm:11:9: error: the condition of `if` must be a bool, found u32 [E0510]
//    11 |     if (a) {}
//       |         ^
// err_types.mm:12:19: error: `!` needs a bool operand, found u32 [E0503]
//    12 |     var n: bool = !a;
//       |                   ^~
// err_types.mm:13:18: error: the two values of `? :` must have the same type, found i32 and str [E0501]
//    13 |     var q: i32 = true ? 1 : "no";
//       |                  ^~~~~~~~~~~~~~~
// err_types.mm:14:20: error: this number is out of the range of i32; convert it explicitly with `as` [E0502]
//    14 |     var big: i32 = 3e10;
//       |                    ^~~~
