// types.mm -- e2e case slot-types: per-site report variables of every
// scalar shape, with initialisers, updated at each of 3 executions (with
// the state at the top of memory 0 they live in Wasm globals and are
// copied to the report at the end).  Expected values: NOTES.
wasm:opcode:call:before / target_fn_name == "f" / {
    report var d: f64 = 1.5;
    report var s: f32 = 0.25;
    report var big: i64 = -5;
    report var small: u8 = 254;
    report var flag: bool = false;
    report var h: i16 = -32768;
    d = d * 2.0;
    s = s + 0.5;
    big--;
    small++;
    flag = !flag;
    h--;
}
