// Where maps may live and what maps and tuples may hold:
// `whamm check` rejects what `whamm instr` cannot build.
var ok: map<(u32, bool), (str, i32)>;
var mm: map<u32, map<u32, u32>>;
var fk: map<funcref, u32>;
var fv: map<u32, (i32, funcref)>;
var tf: (u32, funcref);
fn helper(t: (funcref, i32)) -> map<u32, u32> {
    var local: map<u32, u32>;
    return ok2;
}
var ok2: map<u32, u32>;
wasm:opcode:br_if:before {
    var m: map<u32, u32>;
    unshared var u: map<u32, u32>;
    report var r: map<u32, u32>;
    unshared var nested: map<u32, map<u32, u32>>;
    var keys: map<map<i32, i32>, i32>;
    var inner: (u8, (bool, funcref));
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_maps.mm:4:1: error: maps of maps are not supported [E0514]
//     4 | var mm: map<u32, map<u32, u32>>;
//       | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_maps.mm:5:1: error: map keys and values cannot contain `funcref` [E0514]
//     5 | var fk: map<funcref, u32>;
//       | ^~~~~~~~~~~~~~~~~~~~~~~~~
// err_maps.mm:6:1: error: map keys and values cannot contain `funcref` [E0514]
//     6 | var fv: map<u32, (i32, funcref)>;
//       | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_maps.mm:7:1: error: a tuple cannot contain a funcref [E0514]
//     7 | var tf: (u32, funcref);
//       | ^~~~~~~~~~~~~~~~~~~~~~
// err_maps.mm:8:11: error: a tuple cannot contain a funcref [E0514]
//     8 | fn helper(t: (funcref, i32)) -> map<u32, u32> {
//       |           ^
// err_maps.mm:8:4: error: a function cannot return a map (`helper` returns map<u32,u32>) [E0513]
//     8 | fn helper(t: (funcref, i32)) -> map<u32, u32> {
//       |    ^~~~~~
// err_maps.mm:9:5: error: a map cannot be declared in a function [E0513]
//     9 |     var local: map<u32, u32>;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~
// note: declare `local: map<u32,u32>` at the top level of the script
// err_maps.mm:14:5: error: a map declared in a probe must be `unshared` or `report` [E0513]
//    14 |     var m: map<u32, u32>;
//       |     ^~~~~~~~~~~~~~~~~~~~
// note: write `unshared var m: map<u32,u32>;` (one map per match site) or declare it at the top level
// err_maps.mm:17:5: error: maps of maps are not supported [E0514]
//    17 |     unshared var nested: map<u32, map<u32, u32>>;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_maps.mm:18:5: error: a map key cannot be a map [E0509]
//    18 |     var keys: map<map<i32, i32>, i32>;
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_maps.mm:19:5: error: a tuple cannot contain a funcref [E0514]
//    19 |     var inner: (u8, (bool, funcref));
//       |     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
