// init.mm -- e2e case init-earlier: the initialiser of an unshared/report
// variable reads the unshared/report variables declared before it (they
// run once per site at start-up, in declaration order).  Expected: NOTES.
wasm:opcode:call:before {
    unshared var base: u32 = pc * 10;
    report var b: u32 = base + 1;
    report var c: u32 = b * 2;
    b++;
}
