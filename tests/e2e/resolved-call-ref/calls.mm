// calls.mm -- e2e case resolved-call-ref: resolved_fid at call_ref and
// return_call_ref, from funcrefs made right before, kept in locals and
// globals, read from the table, and of unknown origin (parameters, call
// results, block results).  `last` holds the resolved_fid of the call
// just made (-2: none); the entry of every function compares it with its
// own fid.  An after probe reads resolved_fid after a callee changed the
// global the funcref came from.  Expected: see NOTES.
var last: i32 = -2;
report var mismatch: u32;
report var matched: u32;
report var unknown: u32;
report var calls: map<(u32, i32), u32>;
report var after_call: map<i32, u32>;
report var sets: map<i32, u32>;

wasm:opcode:call_ref:before {
    last = resolved_fid;
    calls[(fid, resolved_fid)]++;
    if (resolved_fid == -1) {
        unknown++;
    }
}

wasm:opcode:return_call_ref:before {
    last = resolved_fid;
    calls[(fid, resolved_fid)]++;
    if (resolved_fid == -1) {
        unknown++;
    }
}

wasm:opcode:call_ref:after {
    after_call[resolved_fid]++;
}

wasm:opcode:table.set:before {
    sets[resolved_fid]++;
}

wasm:func:entry {
    if (last >= 0 && last != fid as i32) {
        mismatch++;
    }
    if (last >= 0 && last == fid as i32) {
        matched++;
    }
    last = -2;
}
