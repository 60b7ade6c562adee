use whamm_core;
fn f(a: i32) -> i32 {
    return true;
}
f(1);
wasm:opcode:br_if:before {
    var x: i32 = f(true);
    var y: i32 = f();
    nosuch(1);
    whamm_core.putz(1);
    var l: u32 = opname.length();
    var z: u32 = other.len();
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_functions.mm:3:5: error: `f` is declared to return i32, but this returns bool [E0506]
//     3 |     return true;
//       |     ^~~~~~~~~~~
// err_functions.mm:5:1: error: a function defined with `fn` cannot be called at the top level of the script, only in probes and functions [E0409]
//     5 | f(1);
//       | ^~~~
// err_functions.mm:7:20: error: argument 1 of `f` has type bool, but the parameter has type i32 [E0504]
//     7 |     var x: i32 = f(true);
//       |                    ^~~~
// err_functions.mm:8:18: error: `f` takes 1 argument but 0 were given [E0504]
//     8 |     var y: i32 = f();
//       |                  ^~~
// err_functions.mm:9:5: error: there is no function `nosuch` [E0505]
//     9 |     nosuch(1);
//       |     ^~~~~~
// err_functions.mm:10:16: error: `whamm_core` has no function `putz` [E0505]
//    10 |     whamm_core.putz(1);
//       |                ^~~~
// err_functions.mm:11:25: error: `opname` (of type str) has no method `length` [E0505]
//    11 |     var l: u32 = opname.length();
//       |                         ^~~~~~
// note: a str has the methods len(), addr(), starts_with(str), ends_with(str), contains(str)
// err_functions.mm:12:18: error: `other` in `other.len(...)` is neither a library nor a variable [E0505]
//    12 |     var z: u32 = other.len();
//       |                  ^~~~~~~~~~~
// note: a library is imported with `use other;` before the first probe
