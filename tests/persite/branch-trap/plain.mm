// derived.mm under a predicate known only at run time (`on`, set by
// wasm:begin): the probe's if stays an if of its own before each branch,
// and its counters stay in memory.
var on: bool;
wasm:opcode:br_if|if:before /on/ {
    report var taken: u32;
    report var not_taken: u32;
    if (arg0 != 0) {
        taken++;
    } else {
        not_taken++;
    }
}
wasm:begin {
    on = true;
}
