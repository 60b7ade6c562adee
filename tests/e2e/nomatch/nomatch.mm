// nomatch.mm -- e2e case nomatch: the app has no memory.grow, so this
// probe has no site: the output must be the input, byte for byte.
wasm:opcode:memory.grow:before {
    report var grows: u32;
    grows++;
}
