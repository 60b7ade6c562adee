// branches.mm -- branch monitor: for every conditional branch site (br_if
// and if), how often the branch was taken (br_if jumped, if ran its then
// arm) and not taken.  One pair of report rows per site (memaddr rows
// carry fname, fid and pc).  (clang emits block + br_if, rarely `if`; one
// probe on both keeps the script from warning about a rule that matches
// no site.)
wasm:opcode:br_if|if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}
