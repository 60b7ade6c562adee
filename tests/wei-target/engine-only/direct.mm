// direct.mm -- what rewriting runs for wei-target case engine-only: the
// monitor has one probe export, so the engine's probe_id is 0 there.
report var ids: map<i32, u64>;

wasm:opcode:call:before {
    ids[0]++;
}
