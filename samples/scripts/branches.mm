// branches.mm -- branch monitor: for every conditional branch site
// (br_if and if), how often the branch was taken and not taken.  One pair
// of report rows per site (memaddr rows carry fname, fid and pc).
wasm:opcode:br_if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}

wasm:opcode:if:before {
    report var then_taken: u32;
    report var else_taken: u32;
    if (arg0 != 0) {
        then_taken++;
    } else {
        else_taken++;
    }
}
