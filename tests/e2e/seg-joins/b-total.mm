// b-total.mm -- e2e case seg-joins: all the nops run, in one counter
// (the sum of a-persite's counts, see NOTES).
report var nops: u64;

wasm:opcode:nop:before {
    nops++;
}
