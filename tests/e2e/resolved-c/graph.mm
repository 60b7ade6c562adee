// graph.mm -- e2e case resolved-c: every indirect call's resolved target
// must be the function entered right after it.  `last` holds the
// resolved_fid of the call_indirect just executed (-2: none); the entry
// of every function compares it with its own fid.  Expected: no mismatch,
// no unknown target, and per target the calls the program implies (see
// NOTES).
var last: i32 = -2;
report var mismatch: u32;
report var unknown: u32;
report var to_cmp: u32;
report var to_add: u32;
report var to_sub: u32;
report var to_mul: u32;

wasm:opcode:call_indirect:before {
    last = resolved_fid;
    if (resolved_fid == -1) {
        unknown++;
    }
}

wasm:func:entry {
    if (last != -2 && last != fid as i32) {
        mismatch++;
    }
    if (last == fid as i32) {
        if (fname == "cmp_up") { to_cmp++; }
        if (fname == "add") { to_add++; }
        if (fname == "sub") { to_sub++; }
        if (fname == "mul") { to_mul++; }
    }
    last = -2;
}
