// print.mm -- e2e case start-print: whamm_core prints from wasm:begin and
// from a probe while the start section runs, and again from _start.
// Expected values: NOTES.
use whamm_core;
report var works: u32;

wasm:begin {
    whamm_core.putc(98);
    whamm_core.putc(10);
}

wasm:opcode:call:before / target_fn_name == "work" / {
    works++;
    whamm_core.puti32(works as i32);
    whamm_core.putc(10);
}
