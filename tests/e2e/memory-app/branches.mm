// branches.mm -- e2e case memory-app (a copy of branches-wat's script):
// per-site taken/not-taken counts of every br_if, with the per-site slots
// in the app's arena (--memory=app) instead of a memory of their own.
wasm:opcode:br_if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}
