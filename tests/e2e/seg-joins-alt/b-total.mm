// b-total.mm -- e2e case seg-joins-alt: all the nops run, in one counter.
report var nops: u64;

wasm:opcode:nop:before {
    nops++;
}
