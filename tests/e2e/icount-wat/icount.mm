// icount.mm -- e2e case icount-wat: one global counter bumped before every
// instruction the program executes.  Expected count 78 (see NOTES):
// $sum(3) 44 + $pick(1) 5 + $pick(0) 5 + $start 24.
report var count: u64;

wasm:opcode:*:before {
    count++;
}
