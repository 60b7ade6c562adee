// bench/resolved.sh: the call graph by resolved target: one map entry per
// (caller fid, callee fid) of every call_indirect (the key is known only
// at run time: the callee comes from whamm's copy of the table).
report var calls: map<(u32, i32), u32>;

wasm:opcode:call_indirect:before {
    calls[(fid, resolved_fid)]++;
}
