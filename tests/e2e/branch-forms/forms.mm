// forms.mm -- e2e case branch-forms: per br_if and if, how often it was
// taken (the branch jumped, the if ran its then arm), not taken, and in
// all; written with `arg0 == 0`, so the then arm counts "not taken".
wasm:opcode:br_if|if:before {
    report var taken: u32;
    report var not_taken: u32;
    report var total: u32;
    if (arg0 == 0) {
        not_taken++;
        total++;
    } else {
        taken++;
        total++;
    }
}
