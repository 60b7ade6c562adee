// a.mm -- e2e case alt-loop-pred: `alt` on loops with a predicate known
// only at run time (the argument local0): the loop is skipped when it
// holds, runs as written (every iteration) when it does not.  A br_if
// out of a replaced loop keeps its target (at_target counts it) and its
// imm0 as in the input; a br_table out of one, re-run by an alt whose
// predicate never holds, still lands where it did.
// Expected (NOTES): 00 06 10 00 03 99 02, alt_runs 3, out_hits 11,
// out_imm 1, table_alts 0.
report var alt_runs: u32;
report var out_hits: u32;
report var out_imm: u32;
report var table_alts: u32;

wasm:opcode:loop(local0: i32):alt / fname == "sum" && local0 == 3 / {
    alt_runs++;
}

wasm:opcode:loop(local0: i32):alt / fname == "steps" && local0 == 0 / {
    alt_runs++;
}

wasm:opcode:loop(local0: i32):alt / fname == "lres" && local0 == 7 / {
    alt_runs++;
    return 99;
}

wasm:opcode:br_if:at_target / fname == "sum" / {
    out_hits++;
}

wasm:opcode:br_if:before / fname == "sum" / {
    out_imm = imm0;
}

wasm:opcode:br_table(arg0: i32):alt / fname == "steps" && arg0 == 99 / {
    table_alts++;
}
