// targets.mm -- e2e case at-target: `at_target` bodies run where a branch
// lands, only when it is taken (providers/wasm/opcode.yaml).  One counter
// per kind of target, told apart by fname (static).  Expected (NOTES):
// block_hits 2, br_hits 1, fn_hits 1, loop_hits 3, pick_hits 1.
report var loop_hits: u32;
report var block_hits: u32;
report var fn_hits: u32;
report var pick_hits: u32;
report var br_hits: u32;

wasm:opcode:br_if:at_target / fname == "countdown" / {
    loop_hits++;
}

wasm:opcode:br_if:at_target / fname == "is_big" / {
    block_hits++;
}

wasm:opcode:br_if:at_target / fname == "sign" / {
    fn_hits++;
}

wasm:opcode:br_if:at_target / fname == "pick" / {
    pick_hits++;
}

wasm:opcode:br:at_target {
    br_hits++;
}
