// direct.mm -- wei case events: the monitor's probes as a script (wei's
// imm0 of br_table is whamm's num_targets; of a load, whamm's align).
use whamm_core;

wasm:opcode:br_table:before {
    whamm_core.putc(116);
    whamm_core.putc(32);
    whamm_core.puti32(num_targets as i32);
    whamm_core.putc(32);
    whamm_core.puti32(arg0 as i32);
    whamm_core.putc(10);
}

wasm:opcode:i32.load:before {
    whamm_core.putc(108);
    whamm_core.putc(32);
    whamm_core.puti64(offset as i64);
    whamm_core.putc(32);
    whamm_core.puti32(align as i32);
    whamm_core.putc(10);
}

wasm:func:exit {
    whamm_core.putc(120);
    whamm_core.putc(32);
    whamm_core.puti32(fid as i32);
    whamm_core.putc(10);
}
