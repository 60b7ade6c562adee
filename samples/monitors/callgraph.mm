// callgraph.mm -- call graph: who calls whom, and how often.  Direct calls
// name their callee in the instruction (imm0); for call_indirect whamm
// resolves the table entry to the function about to run (resolved_fid, -1
// when it cannot tell).
// Report: `direct` and `indirect` (map_id), entries
// `(caller fid,callee fid)->calls`; and per function an `entries` row
// (memaddr) whose fname and fid columns name each fid.
report var direct: map<(u32, u32), u64>;
report var indirect: map<(u32, i32), u64>;

wasm:opcode:call:before {
    direct[(fid, imm0)]++;
}

wasm:opcode:call_indirect:before {
    indirect[(fid, resolved_fid)]++;
}

wasm:func:entry {
    report var entries: u64;
    entries++;
}
