// refs.mm -- e2e case funcref-vars: funcref values in a script global, a
// probe local (default null), a function's parameter, local and result
// and a conditional; resolving the stored reference gives the target each time.
var last: funcref;
report var same: u32;
report var seen: map<(u32, i32), u32>;

fn keep(f: funcref, take: bool) -> funcref {
    var out: funcref = take ? f : last;
    return out;
}

wasm:opcode:call_indirect:before {
    var f: funcref = target_funcref;
    last = keep(f, true);
    var r: i32 = resolve_funcref(last, table_entry_idx);
    seen[(fid, r)]++;
    if (r == resolved_fid) {
        same++;
    }
    var none: funcref;
    last = keep(none, false);
}
