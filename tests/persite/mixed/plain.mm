// derived.mm with the counter on every instruction under a predicate known
// only at run time (`on`, set by wasm:begin): a counter per site.
var on: bool;
wasm:opcode:*:before /on/ {
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
wasm:begin {
    on = true;
}
