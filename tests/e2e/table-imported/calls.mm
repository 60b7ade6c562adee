// calls.mm -- e2e case table-imported: resolving call targets through a
// table the host owns is only as good as what the module itself wrote, so
// whamm warns (E0606); with --werror that is an error and no output.
report var calls: map<i32, u32>;

wasm:opcode:call_indirect:before {
    calls[resolved_fid]++;
}
