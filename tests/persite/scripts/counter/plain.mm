// derived.mm under a predicate known only at run time (`on`, set by
// wasm:begin): code at every site, the reference for derived.mm.
var on: bool;
report var n: u64;
wasm:opcode:*:before /on/ {
    n++;
}
wasm:begin {
    on = true;
}
