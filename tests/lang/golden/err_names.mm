var total: u32;
fn helper(v: u32) -> u32 {
    var v: u32 = 1;
    return v;
}
wasm:opcode:br_if:before {
    var count: u32 = totl;
    var fid: u32;
    var count: u32;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_names.mm:3:9: error: `v` is already declared [E0402]
//     3 |     var v: u32 = 1;
//       |         ^
// err_names.mm:2:11: note: `v` was first declared here
//     2 | fn helper(v: u32) -> u32 {
//       |           ^
// err_names.mm:7:22: error: `totl` is not declared [E0401]
//     7 |     var count: u32 = totl;
//       |                      ^~~~
// note: did you mean `total`?
// err_names.mm:8:9: error: `fid` is already defined by whamm or the provider (a bound variable or a built-in); choose another name [E0403]
//     8 |     var fid: u32;
//       |         ^~~
// err_names.mm:9:9: error: `count` is already declared [E0402]
//     9 |     var count: u32;
//       |         ^~~~~
// err_names.mm:7:9: note: `count` was first declared here
//     7 |     var count: u32 = totl;
//       |         ^~~~~
