// "did you mean" for a misspelt variable, function and bound variable, and
// plain-word type errors.
report var total: u32;
fn bump(x: u32) -> u32 { return x + 1; }
wasm:opcode:call:before {
    totl = 1;
    total = bmup(total);
    var site: u32 = fdi;
    var s: i32 = "text";
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_did_you_mean.mm:6:5: error: `totl` is not declared [E0401]
//     6 |     totl = 1;
//       |     ^~~~
// note: did you mean `total`?
// err_did_you_mean.mm:7:13: error: there is no function `bmup` [E0505]
//     7 |     total = bmup(total);
//       |             ^~~~
// note: did you mean `bump`?
// err_did_you_mean.mm:8:21: error: `fdi` is not declared [E0401]
//     8 |     var site: u32 = fdi;
//       |                     ^~~
// note: did you mean `fid`?
// err_did_you_mean.mm:9:18: error: cannot assign a value of type str to a variable of type i32 [E0501]
//     9 |     var s: i32 = "text";
//       |                  ^~~~~~
