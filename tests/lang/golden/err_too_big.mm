// A value takes at most 16 Wasm values (a str takes 2): bigger tuples are
// rejected by `whamm check` as by `whamm instr`.  (str x 8) is the most.
var fits: (str, str, str, str, str, str, str, str);
var big: (str, str, str, str, str, str, str, str, str);
var m: map<u32, (str, str, str, str, str, str, str, str, u8)>;
fn g(x: (u32, (str, str, str, str, str, str, str, str))) -> u32 { return 1; }
wasm:opcode:call:before { fits.0 = "a"; }
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_too_big.mm:4:1: error: `(str,str,str,str,str,str,str,str,str)` is too big: it takes 18 Wasm values, and a value can take at most 16 (a str takes 2) [E0514]
//     4 | var big: (str, str, str, str, str, str, str, str, str);
//       | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_too_big.mm:5:1: error: `(str,str,str,str,str,str,str,str,u8)` is too big: it takes 17 Wasm values, and a value can take at most 16 (a str takes 2) [E0514]
//     5 | var m: map<u32, (str, str, str, str, str, str, str, str, u8)>;
//       | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
// err_too_big.mm:6:6: error: `(u32,(str,str,str,str,str,str,str,str))` is too big: it takes 17 Wasm values, and a value can take at most 16 (a str takes 2) [E0514]
//     6 | fn g(x: (u32, (str, str, str, str, str, str, str, str))) -> u32 { return 1; }
//       |      ^
