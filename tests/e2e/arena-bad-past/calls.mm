// calls.mm -- e2e case arena-bad-past: a per-site counter, so whamm needs state.
wasm:opcode:call:before {
    report var n: u32;
    n++;
}
