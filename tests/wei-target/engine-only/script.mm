// script.mm -- wei-target case engine-only: `probe_id` exists only for an
// engine (rewriting does not declare it); a monitor receives it.
report var ids: map<i32, u64>;

wasm:opcode:call:before / probe_id >= 0 / {
    ids[probe_id]++;
}
