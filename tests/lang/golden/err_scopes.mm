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
// err_scopes.mm:1:1: error: this statement is not allowed at the top level of a script: only declarations, `use`, assignments and calls are [E0409]
//     1 | if (true) {}
//       | ^~~~~~~~~~~~
// err_scopes.mm:3:5: error: `report` and `unshared` variables cannot be declared in a function [E0409]
//     3 |     report var r: i32;
//       |     ^~~~~~~~~~~~~~~~~
// err_scopes.mm:7:27: error: the initialiser of a `report` or `unshared` variable runs once at start-up, before the probe: it cannot read `x`, which has a value only when the probe runs; assign the variable in a statement of its own [E0410]
//     7 |     unshared var u: u32 = x;
//       |                           ^
// err_scopes.mm:8:25: error: the initialiser of a `report` or `unshared` variable runs once at start-up, before the probe: it cannot read `arg0`, which has a value only when the probe runs; assign the variable in a statement of its own [E0410]
//     8 |     report var d: u32 = arg0;
//       |                         ^~~~
// err_scopes.mm:9:27: error: the initialiser of a `report` or `unshared` variable runs once at start-up: it cannot call `read_str`, which reads the app's memory at run time; assign the variable in a statement of its own [E0410]
//     9 |     unshared var s: str = read_str(0, 0, 1);
//       |                           ^~~~~~~~~~~~~~~~~
// err_scopes.mm:10:5: error: a map key cannot be a map [E0509]
//    10 |     var bad: map<map<i32, i32>, i32>;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_scopes.mm:11:5: error: a tuple cannot contain a map [E0509]
//    11 |     var bad2: (i32, map<i32, i32>);
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_scopes.mm:12:22: error: division by zero [E0511]
//    12 |     var z: i32 = 1 / 0;
//       |                      ^
