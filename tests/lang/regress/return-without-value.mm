// regression (fuzz): `return;` in a fn returning i32 dereferenced a NULL value
// counts
use whamm_core;
var count: map<i32, i32>;
report var total: u64 = 0x10;
fn add(a: i32, b: i32) -> i32 { return ;
    t.1.0 = 5;
    if (s.len() > 3) { total = total + 1; } elif (false) { total--; } else { whamm_core.puti32(add(1, -2)); }
    var f: f32 = -1.5e3;
    var g: f64 = 1e300;
    var x: i32 = true ? 1 : 2;
    var y: bool = !(x as bool) as bool;
}
wasm:opcode:call(arg0: i32):before { var z: i32 = arg0 << 2 - 3 % 4 & 1 | 2 ^ 3; }
