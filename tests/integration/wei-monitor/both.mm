// both.mm -- the script instrumenting the same link as the monitor in
// wei.sh's case ld (see NOTES): counts main's calls of `work` and prints
// "calls N" when the program ends.
use whamm_core;

var calls: i32;

wasm:opcode:call:before / target_fn_name == "work" / {
    calls++;
}

wasm:end {
    whamm_core.putc(99);  // c
    whamm_core.putc(97);  // a
    whamm_core.putc(108); // l
    whamm_core.putc(108); // l
    whamm_core.putc(115); // s
    whamm_core.putc(32);
    whamm_core.puti32(calls);
    whamm_core.putc(10);
}
