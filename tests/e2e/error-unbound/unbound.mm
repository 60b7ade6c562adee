// unbound.mm -- e2e case error-unbound: br_if has one argument, so arg9
// (line 5, column 9) is an unknown bound variable: a located error, exit 1.
wasm:opcode:br_if:before {
    report var x: u32;
    x = arg9;
}
