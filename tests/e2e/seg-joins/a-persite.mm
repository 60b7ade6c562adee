// a-persite.mm -- e2e case seg-joins: a count of its own for every nop
// (see NOTES for the expected counts).
wasm:opcode:nop:before {
    report unshared var n: u64;
    n++;
}
