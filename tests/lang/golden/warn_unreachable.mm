fn f() -> i32 {
    return 1;
    var x: i32 = 2;
}
wasm:func:entry {}
// ---- expected (exit 0) ----
// stdout:
// stderr:
// warn_unreachable.mm:3:5: warning: unreachable code: the statements after `return` are never executed [E0520]
//     3 |     var x: i32 = 2;
//       |     ^~~~~~~~~~~~~~
