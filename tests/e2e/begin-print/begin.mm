// begin.mm -- e2e case begin-print: wasm:begin prints, which WASI hosts
// such as node only allow once _start runs (not during instantiation).
// Expected values: NOTES.
use whamm_core;
report var calls: u32;

wasm:begin {
    whamm_core.putu32(42);
    whamm_core.putc(10);
}

wasm:opcode:call:before {
    calls++;
}
