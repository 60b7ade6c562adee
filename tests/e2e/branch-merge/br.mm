// br.mm -- e2e case branch-merge: taken/not-taken counts of every br_if,
// the test written as `arg0 == 0` (its then arm runs when the branch is
// not taken).
wasm:opcode:br_if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 == 0) {
        not_taken++;
    } else {
        taken++;
    }
}
