// casts.mm -- e2e case cast-bool: a bool converts to every number type as
// 0 or 1 at run time.  `t` and `f` are assigned twice so that nothing
// folds when instrumenting.
use whamm_core;
var t: bool;
var f: bool;

wasm:end {
    t = false;
    f = true;
    t = true;
    f = false;
    whamm_core.puti64((t as i64) * 5 + (f as i64));
    whamm_core.putc(10);
    whamm_core.putu64(((t as u64) + (t as u64)) as i64);
    whamm_core.putc(10);
    whamm_core.putf64((t as f64) / 4.0);
    whamm_core.putc(10);
    whamm_core.putf32((f as f32) - (t as f32));
    whamm_core.putc(10);
    whamm_core.puti32((t as u8) as i32 + (f as i32));
    whamm_core.putc(10);
}
