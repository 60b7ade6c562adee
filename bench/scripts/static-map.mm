// bench/maps.sh: the same count in one script-level map keyed by (fid, pc).
// The key is known at every site, so whamm lays the entries out when it
// instruments and each probe bumps its entry in place.
report var count: map<(u32, u32), u32>;

wasm:opcode:br_if:before {
    count[(fid, pc)]++;
}
