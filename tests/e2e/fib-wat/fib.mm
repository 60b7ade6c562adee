// fib.mm -- e2e case fib-wat: the counts tests/edit derived by hand for
// its fib.wat (see the comment at the top of app.wat): a counter before
// every instruction of fib only (1943) and one at every function entry
// (179: _start 1 + fib 177 + print 1), also per function.  fib is reached
// through call_indirect from _start, then recurses with direct calls.
// The `*:before` rule expands to 310 events (probes 0..309), so the entry
// probe is number 310.
report var fib_instrs: u64;
report var entries: u32;

wasm:opcode:*:before / fname == "fib" / {
    fib_instrs++;
}

wasm:func:entry {
    report var calls: u32;
    calls++;
    entries++;
}
