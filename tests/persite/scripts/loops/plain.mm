// derived.mm with its counters under a predicate known only at run time
// (`on`, set by wasm:begin): the program-wide counter is added to its
// global at every site, and every site has a counter of its own.
var on: bool;
report var total: u64;
wasm:opcode:*:before /on/ {
    total++;
}
wasm:opcode:br_if|br_table|return|unreachable|i32.add:before /on/ {
    report unshared var n: u64;
    n++;
}
wasm:opcode:i32.le_u:before {
    report unshared var last: u32;
    last = arg0;
}
wasm:begin {
    on = true;
}
