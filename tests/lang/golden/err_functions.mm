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
// err_functions.mm:3:5: error: The function signature for 'f' returns 'I32', but the body returns 'Boolean' [E0506]
//     3 |     return true;
//       |     ^~~~~~~~~~~
// err_functions.mm:5:1: error: Function calls to user def functions are not allowed in the global state of the script [E0409]
//     5 | f(1);
//       | ^~~~
// err_functions.mm:7:20: error: Expected type i32 param 0, got bool [E0504]
//     7 |     var x: i32 = f(true);
//       |                    ^~~~
// err_functions.mm:8:18: error: `f` takes 1 argument but 0 were given [E0504]
//     8 |     var y: i32 = f();
//       |                  ^~~
// err_functions.mm:9:5: error: Could not find function `nosuch` for the invocation [E0505]
//     9 |     nosuch(1);
//       |     ^~~~~~
// err_functions.mm:10:16: error: Could not find function for the invocation: `whamm_core` has no `putz` [E0505]
//    10 |     whamm_core.putz(1);
//       |                ^~~~
// err_functions.mm:11:25: error: Could not find function for the invocation: `opname` has no method `length` [E0505]
//    11 |     var l: u32 = opname.length();
//       |                         ^~~~~~
// err_functions.mm:12:18: error: Could not find variable `other` that this function was called on [E0505]
//    12 |     var z: u32 = other.len();
//       |                  ^~~~~~~~~~~
// note: a library is imported with `use other;` before the first probe
