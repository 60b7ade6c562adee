// init.mm -- e2e case lib-init: an @init call in a probe runs once per
// site at start-up, not each time the probe runs.  Expected values: NOTES.
use whamm_core;
use notes;

report var runs: u32;

wasm:opcode:call:before {
    @init notes.note(pc as i32);
    runs++;
}

wasm:end {
    whamm_core.puti32(notes.notes());
    whamm_core.putc(10);
    whamm_core.puti32(notes.sum());
    whamm_core.putc(10);
}
