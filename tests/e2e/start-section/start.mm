// start.mm -- e2e case start-section: calls of $work, counted; the
// report is due when main returns, which happens inside the start section.
// Expected values: NOTES.
report var works: u32;

wasm:opcode:call:before / target_fn_name == "work" / {
    works++;
}
