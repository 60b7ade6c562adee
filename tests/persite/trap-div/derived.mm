// Every instruction counts its runs (u64, step 1); in `quot` each also
// counts down an i8 (step -1): two counters per segment there.
wasm:opcode:*:before {
    report unshared var n: u64;
    n++;
}
wasm:opcode:*:before /fname == "quot"/ {
    report unshared var d: i8;
    d--;
}
