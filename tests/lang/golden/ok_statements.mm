// RUN: check --user-libs mylib=../libs/mylib.wasm {}
// Every statement form.
use whamm_core;
use mylib;
var m: map<u32, u32>;
var t: (i32, bool);
var g: i32;
g = 3;
@init mylib.setup();
whamm_core.puti32(g);
wasm:opcode:br_if:before {
    var x: u32;
    x = arg0;
    x++;
    x--;
    m[imm0] = 1;
    m[imm0]++;
    m[imm0]--;
    t.0 = 5;
    t.1 = true;
    if (x == 0) {
        x = 1;
    } elif (x == 1) {
        x = 2;
    } elif (x == 2) {
        x = 3;
    } else {
        x = 4;
    }
    if (true) {}
    @static mylib.compute(1, 2);
    @init mylib.setup();
    mylib.log(x as i32);
    whamm_core.puts(0, 5);
    drop_args();
    return x;
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
