// branches.mm -- e2e case arena-small (a copy of branches-wat's script):
// six per-site report slots plus their metadata cannot fit in 8 bytes.
wasm:opcode:br_if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}
