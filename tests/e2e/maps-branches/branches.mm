// branches.mm -- e2e case maps-branches: the README's first example as a
// report map keyed by the static (fid, pc) of each br_if, next to the same
// counts as per-site report variables, and a map keyed by a value only
// known at run time (arg0, the br_if's condition).  See NOTES.
report var taken: map<(u32, u32), u32>;
report var conds: map<i32, u32>;

wasm:opcode:br_if:before {
    report var same: u32;
    report var byval: map<i32, u32>;
    if (arg0 != 0) {
        taken[(fid, pc)]++;
        same++;
    }
    conds[arg0 as i32]++;
    byval[arg0 as i32]++;
}
