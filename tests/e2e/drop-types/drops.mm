// drops.mm -- e2e case drop-types: the operand types of `drop` and
// `select` come from the stack at each site, so type bounds pick the
// right sites and argN has the real type.  See NOTES.
report var any: u32;
report var ints: u32;
report var sum: i32;
report var picked: f64;

wasm:opcode:drop:before {
    any++;
}

wasm:opcode:drop(arg0: i32):before {
    ints++;
    sum = sum + arg0;
}

wasm:opcode:select(res0: f64):after {
    picked = res0;
}
