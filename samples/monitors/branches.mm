// branches.mm -- branch monitor: per conditional branch site, how often it
// was taken and not taken; per br_table site, how often each target ran.
// `arg0` is the condition (br_if, if) or the index (br_table).
// Report: `taken` and `not_taken` rows (u32) per br_if and if site: a
// br_if is taken when it jumps, an if when it runs its then arm.  A
// `arms` row (a map) per br_table site: target index -> times, where the
// index num_targets stands for the default target.
wasm:opcode:br_if|if:before {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}

wasm:opcode:br_table:before {
    report var arms: map<u32, u32>;
    // indices past the table take the default target
    if (arg0 < num_targets) {
        arms[arg0]++;
    } else {
        arms[num_targets]++;
    }
}
