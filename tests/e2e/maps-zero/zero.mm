// zero.mm -- e2e case maps-zero: entries whose key is known at the site
// and whose value comes back to 0 are still in the map; an entry no
// execution touched is not.  Expected values: NOTES.
report var depth: map<u32, i32>;
report var wraps: map<u32, u8>;
report var never: map<u32, u32>;

wasm:opcode:call:before / target_fn_name == "f" / {
    depth[7]++;
    wraps[1]++;
}

wasm:opcode:call:after / target_fn_name == "f" / {
    depth[7]--;
}

wasm:opcode:call:before / target_fn_name == "g" / {
    never[3]++;
}
