// Every instruction counts its runs, per segment where it can; the sites
// of i32.add and i32.lt_u have code of their own (a predicate known only at
// run time, a body that is no counter), which ends the segments there.
wasm:opcode:*:before {
    report unshared var n: u64;
    n++;
}
wasm:opcode:i32.add:before /arg0 > 0/ {
    report unshared var big: u32;
    big++;
}
wasm:opcode:i32.lt_u:before {
    report unshared var last: u32;
    last = arg0;
}
