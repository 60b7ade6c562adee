// targets.mm -- e2e case br-table-targets: br_table's bound map `targets`
// as the initial value of a per-site map and read with a run-time key, and
// `target` (the index of the target taken, derived from arg0).
// Expected values: NOTES.
report var seen: map<u32, u32>;
report var arms: map<u32, u32>;

wasm:opcode:br_table:before {
    report var depths: map<u32, u32> = targets;
    depths[100] = num_targets;
    depths[arg0]++;
    seen[arg0] = targets[arg0];
    arms[target]++;
}
