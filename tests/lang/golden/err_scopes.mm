if (true) {}
fn f() {
    report var r: i32;
}
wasm:opcode:br_if:before {
    var x: u32 = 1;
    unshared var u: u32 = x;
    report var d: u32 = arg0;
    unshared var s: str = read_str(0, 0, 1);
    var bad: map<map<i32, i32>, i32>;
    var bad2: (i32, map<i32, i32>);
    var z: i32 = 1 / 0;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_scopes.mm:1:1: error: Only variable declarations, user lib imports, function calls, library function calls, and assignment are allowed in the global scope [E0409]
//     1 | if (true) {}
//       | ^~~~~~~~~~~~
// err_scopes.mm:3:5: error: Special declarations are not allowed in the functions [E0409]
//     3 |     report var r: i32;
//       |     ^~~~~~~~~~~~~~~~~
// err_scopes.mm:7:27: error: Cannot use the probe-local state to initialize this variable with special scoping. Hint: split out the variable's initialization from the declaration. [E0410]
//     7 |     unshared var u: u32 = x;
//       |                           ^
// err_scopes.mm:8:25: error: Cannot use the probe-local state to initialize this variable with special scoping. Hint: split out the variable's initialization from the declaration. [E0410]
//     8 |     report var d: u32 = arg0;
//       |                         ^~~~
// err_scopes.mm:9:27: error: Cannot use a non-static compiler function to initialize this variable with special scoping. Hint: split out the variable's initialization from the declaration. [E0410]
//     9 |     unshared var s: str = read_str(0, 0, 1);
//       |                           ^~~~~~~~~~~~~~~~~
// err_scopes.mm:10:5: error: Map keys cannot be maps [E0509]
//    10 |     var bad: map<map<i32, i32>, i32>;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_scopes.mm:11:5: error: Tuples cannot contain maps [E0509]
//    11 |     var bad2: (i32, map<i32, i32>);
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_scopes.mm:12:22: error: attempt to divide by zero [E0511]
//    12 |     var z: i32 = 1 / 0;
//       |                      ^
