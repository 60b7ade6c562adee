// closed.mm -- tests/report case closed-stdout: counts collatz's calls.
wasm:func:entry / fname == "collatz" / {
    report var calls: u32;
    calls++;
}
