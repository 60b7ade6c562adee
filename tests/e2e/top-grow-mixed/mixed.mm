// mixed.mm -- e2e case top-grow-mixed: what the app hands to $check
// (memory.size and memory.grow answers, bytes read back), with whamm's
// state (a map, so whamm's own heap grows too) at the top of memory 0.
// Expected values: NOTES.
report var checks: map<u32, i32>;
var c: u32;

wasm:opcode:call(arg0: i32):before / target_fn_name == "check" / {
    checks[c] = arg0;
    c++;
}
