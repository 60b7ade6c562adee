// shapes.mm -- e2e case separate-maps-shapes: map key and value shapes, tuples,
// static and run-time keys reaching the same entries, a map passed to a
// function, and whamm_core's printing functions.  See NOTES.
use whamm_core;

report var byname: map<str, u64>;
report var pairs: map<(i32, bool), f64>;
report var named: map<u32, (str, i32)>;
report var tup: (i32, (u8, str));
var m: map<i32, i32>;
var k: i32;

fn bump(mm: map<i32, i32>, key: i32) -> i32 {
    mm[key]++;
    return mm[key];
}

wasm:end {
    m[5] = 10;
    k = 5;
    m[k] = m[k] + 1;
    k = 7;
    whamm_core.puti32(m[k]);
    whamm_core.putc(10);
    whamm_core.puti32(bump(m, 5));
    whamm_core.putc(10);
    whamm_core.puti32(m[5]);
    whamm_core.putc(10);
    byname["b"] = 2;
    byname["a"] = 18446744073709551615;
    byname["ab"] = 3;
    pairs[(1, true)] = 1.5;
    pairs[(-1, false)] = -0.25;
    pairs[(1, false)] = 2.0;
    named[3] = ("three", -3);
    named[1] = ("one", 1);
    tup = (7, (255, "x"));
    tup.1.0 = 9;
    whamm_core.putu8(tup.1.0 as i32);
    whamm_core.putc(10);
    whamm_core.print_map(3);
    whamm_core.putc(10);
    whamm_core.print_map_as_csv(2);
}
