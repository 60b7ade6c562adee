// Every instruction counted by a program-wide counter (summed in locals),
// the branches, returns, `unreachable` and adds by per-site counters (one
// per segment), and the top operand of i32.le_u kept per site: in a loop
// that calls nothing all of them live in locals.
report var total: u64;
wasm:opcode:*:before {
    total++;
}
wasm:opcode:br_if|br_table|return|unreachable|i32.add:before {
    report unshared var n: u64;
    n++;
}
wasm:opcode:i32.le_u:before {
    report unshared var last: u32;
    last = arg0;
}
