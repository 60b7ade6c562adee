// targets.mm -- e2e case at-target: `at_target` bodies run where a branch
// lands when it is taken, and a br_if's body also right after it when it
// is not taken (docs/instr.md).  One counter per kind of target, told
// apart by fname (static).  Expected (NOTES): block_hits 3, br_hits 1,
// fn_hits 2, loop_hits 4, pick_hits 2.
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
