// globals.mm -- e2e case begin-end-globals: script globals with
// initialisers, wasm:begin (before the app) and wasm:end (after it, before
// the report), a probe-local var that starts at 0 on every execution, and
// && / || that short-circuit (100 / arg0 with arg0 == 0 must not run).
// Expected values are derived in NOTES.
var hundred: i32 = 100;
report var base: u32 = 7;
report var total: i32 = 1000;
report var began: u32;
report var ended: u32;
report var calls: u32;
report var last_local: u32;
report var small: u32;
report var zero_or_big: u32;

wasm:begin {
    began = calls + 1;
}

wasm:end {
    ended = calls + 100;
}

wasm:opcode:call(arg0: i32):before / target_fn_name == "work" / {
    var n: u32;
    n++;
    last_local = n;
    calls++;
    total = total + arg0;
    if (arg0 != 0 && (hundred / arg0) > 10) {
        small++;
    }
    if (arg0 == 0 || (hundred / arg0) < 10) {
        zero_or_big++;
    }
}
