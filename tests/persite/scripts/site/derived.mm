// Every instruction counts its runs.
wasm:opcode:*:before {
    report unshared var n: u64;
    n++;
}
