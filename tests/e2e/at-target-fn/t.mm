// t.mm -- e2e case at-target-fn: at_target of br_table entries that
// leave the function runs just before the function returns through them,
// before the function's exit probes.  Each at_target body appends a 1 to
// the function's sequence, each exit probe a 2; out_idx sums arg0 (the
// index) where the body ran for an entry that leaves.  Expected (NOTES):
// seq 112121212112, seq2 1212112, out_idx 13.
report var seq: u64;
report var seq2: u64;
report var out_idx: u32;

wasm:opcode:br_table:at_target / fname == "pick" / {
    seq = seq * 10 + 1;
    if (arg0 == 1 || arg0 == 3) {
        out_idx = out_idx + arg0;
    }
}

wasm:opcode:br_table:at_target / fname == "pick2" / {
    seq2 = seq2 * 10 + 1;
    if (arg0 > 1) {
        out_idx = out_idx + arg0;
    }
}

wasm:func:exit / fname == "pick" / {
    seq = seq * 10 + 2;
}

wasm:func:exit / fname == "pick2" / {
    seq2 = seq2 * 10 + 2;
}
