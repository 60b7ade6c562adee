// t.mm -- e2e case target-arg0: `at_target` bodies read the branch's
// arg0 (the br_if condition), saved at the branch.  Taken branches add
// their condition to `taken`, not-taken ones count in `fell`.
// Expected (NOTES): taken 10, fell 4.
report var taken: u32;
report var fell: u32;

wasm:opcode:br_if(arg0: i32):at_target {
    if (arg0 != 0) {
        taken = taken + (arg0 as u32);
    } else {
        fell++;
    }
}
