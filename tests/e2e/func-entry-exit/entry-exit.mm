// entry-exit.mm -- e2e case func-entry-exit: per-function entry and exit
// counts (one memaddr row per function and probe).  Every exit path counts:
// `return`, falling off the end, a br_if to the function's label.  The exit
// probe leaves out `start` (see NOTES: its exit coincides with the report).
wasm:func:entry {
    report var entries: u32;
    entries++;
}

wasm:func:exit / fname != "start" / {
    report var exits: u32;
    exits++;
}
