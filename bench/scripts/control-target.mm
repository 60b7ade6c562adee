// control-target.mm -- bench/control.sh form `target`: an at_target body
// on every br_if and br_table (the flag set at the branch, the body where
// it lands; a br_if's also right after it when not taken).
report var landed: u64;

wasm:opcode:br_if:at_target {
    landed++;
}

wasm:opcode:br_table:at_target {
    landed++;
}
