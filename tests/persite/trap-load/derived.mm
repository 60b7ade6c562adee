// Every instruction counts its runs (u64, step 1); in `work` each also
// adds 100 to a u8 (step 100, wrapping at 256): two counters per segment.
wasm:opcode:*:before {
    report unshared var n: u64;
    n++;
}
wasm:opcode:*:before /fname == "work"/ {
    report unshared var c: u8;
    c = c + 100;
}
