// folded.mm -- e2e case nomatch-folded: probes whose predicates fold to
// false at every site (no call of a function named nosuch; no br_if in a
// function named say), so nothing is injected anywhere.
wasm:opcode:call:before / target_fn_name == "nosuch" / {
    report var calls: u32;
    calls++;
}

wasm:opcode:br_if:before / fname == "say" && arg0 != 0 / {
    report var taken: u32;
    taken++;
}
