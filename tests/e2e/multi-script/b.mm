// b.mm -- e2e case multi-script, script1: entries of f (a global), and the
// same call sites as script0 with a per-site var of its own.  Its probes
// are numbered from 0 again: 0 = func:entry, 1 = call:before.
report var b_entries: u32;

wasm:func:entry / fname == "f" / {
    b_entries++;
}

wasm:opcode:call:before / target_fn_name == "f" / {
    report var seen: u32;
    seen++;
}
