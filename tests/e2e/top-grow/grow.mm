// grow.mm -- e2e case top-grow: what memory.grow and memory.size return
// to the app, and what it reads back, with whamm's state (maps, so
// whamm's own heap grows too) at the top of memory 0.  Expected values:
// NOTES.
report var grows: map<u32, i32>;
report var sizes: map<u32, i32>;
report var checks: map<u32, i32>;
var g: u32;
var s: u32;
var c: u32;

wasm:opcode:memory.grow:after {
    grows[g] = res0;
    g++;
}

wasm:opcode:memory.size:after {
    sizes[s] = res0;
    s++;
}

wasm:opcode:call(arg0: i32):before / target_fn_name == "check" / {
    checks[c] = arg0;
    c++;
}
