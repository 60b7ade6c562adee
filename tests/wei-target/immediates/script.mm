// script.mm -- wei-target case immediates: br_table's first label and
// the alignment and memory of loads, read as immediates.
report var first_label: map<u32, u64>;

wasm:opcode:br_table:before {
    first_label[imm0]++;
}

wasm:opcode:i32.load|i32.load16_s:before / align >= 1 && memory == 0 / {
    report var loads: u32;
    loads++;
}
