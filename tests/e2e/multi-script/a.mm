// a.mm -- e2e case multi-script, script0: calls of f, per call site and
// in total (expected: 1 at g's site, 1 and 2 at start's sites; a_calls 4).
report var a_calls: u32;

wasm:opcode:call:before / target_fn_name == "f" / {
    report var at_site: u32;
    at_site++;
    a_calls++;
}
