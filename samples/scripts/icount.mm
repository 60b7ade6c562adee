// icount.mm -- instruction count: one global counter bumped before every
// instruction the program executes (samples/README in docs/integration.md).
// Report row: `count` (global_id), the number of executed instructions.
report var count: u64;

wasm:opcode:*:before {
    count++;
}
