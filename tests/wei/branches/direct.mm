// direct.mm -- wei case branches: the monitor's observation as a script.
use whamm_core;

var taken: i32;
var not_taken: i32;

wasm:opcode:br_if:before {
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}

wasm:end {
    whamm_core.puti32(taken);
    whamm_core.putc(32);
    whamm_core.puti32(not_taken);
    whamm_core.putc(10);
}
