// calls-wat.mm -- tests/host case imported: calls of $f.
report var calls: u32;

wasm:opcode:call:before / target_fn_name == "f" / {
    calls++;
}
