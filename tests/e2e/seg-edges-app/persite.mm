// persite.mm -- e2e case seg-edges-app: a count of its own for every nop
// (expected counts in NOTES).
wasm:opcode:nop:before {
    report unshared var n: u64;
    n++;
}
