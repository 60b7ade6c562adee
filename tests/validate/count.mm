// count.mm -- a counter before every instruction: every body is rewritten.
report var count: u64;

wasm:opcode:*:before {
    count++;
}
