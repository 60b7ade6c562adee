// rem.mm -- e2e case float-rem: `%` on f32/f64 at run time is
// copysign(a - floor(a / b) * b, a).  Each variable is assigned twice so
// that nothing folds when instrumenting.
use whamm_core;
var a: f64;
var b: f64;
var c: f32;
var d: f32;

wasm:end {
    a = 0.0;
    b = 0.0;
    a = -7.5;
    b = 2.0;
    whamm_core.putf64(a % b);
    whamm_core.putc(10);
    a = 7.5;
    b = -2.0;
    whamm_core.putf64(a % b);
    whamm_core.putc(10);
    c = 0.0;
    d = 0.0;
    c = 5.5;
    d = 2.0;
    whamm_core.putf32(c % d);
    whamm_core.putc(10);
}
