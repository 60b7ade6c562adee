// script.mm -- wei case with-script: counts every br_if run in a report
// variable, in the same pass as the monitor (`whamm attach --script`).
report var brs: u32;

wasm:opcode:br_if:before {
    brs++;
}
