wasm:func:entry {
    report var calls: u32;
    calls++;
}
