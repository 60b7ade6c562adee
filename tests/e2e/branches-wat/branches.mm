// branches.mm -- e2e case branches-wat: per-site taken/not-taken counts of
// every br_if (one pair of memaddr rows per site, see NOTES for the counts
// and the pcs).
wasm:opcode:br_if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}
