// direct.mm -- wei case wildcard: the monitor's probe as a script.
use whamm_core;

wasm:opcode:*(arg0: i64):before {
    whamm_core.puti32(pc as i32);
    whamm_core.putc(58);
    whamm_core.puti64(arg0);
    whamm_core.putc(10);
}
