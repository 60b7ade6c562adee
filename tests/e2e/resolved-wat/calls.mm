// calls.mm -- e2e case resolved-wat: the call graph by resolved target
// (caller fid, callee fid) of every call_indirect and
// return_call_indirect, the entries table.get reads, and an index far
// beyond the table (always -1).  Expected: see NOTES.
report var far: i32;
report var calls: map<(u32, i32), u32>;
report var gets: map<(u32, i32), u32>;

wasm:opcode:call_indirect:before {
    calls[(fid, resolved_fid)]++;
    far = resolve_funcref(target_funcref, arg0 + 1000);
}

wasm:opcode:return_call_indirect:before {
    calls[(fid, resolved_fid)]++;
}

wasm:opcode:table.get:before {
    gets[(fid, resolved_fid)]++;
}
