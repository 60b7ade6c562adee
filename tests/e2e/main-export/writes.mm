// writes.mm -- e2e case main-export: entries of $write, per site (a slot
// in whamm's state memory) and in a global.  The report runs once, when
// the exported `main` returns (docs/instr.md), at which point only main's
// own write has happened: 1 and 1, although _start calls write twice more
// afterwards.
report var writes: u32;

wasm:func:entry / fname == "write" / {
    report var here: u32;
    here++;
    writes++;
}
