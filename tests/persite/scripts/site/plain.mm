// derived.mm under a predicate known only at run time (`on`, set by
// wasm:begin): a counter per site, the reference for derived.mm.
var on: bool;
wasm:opcode:*:before /on/ {
    report unshared var n: u64;
    n++;
}
wasm:begin {
    on = true;
}
