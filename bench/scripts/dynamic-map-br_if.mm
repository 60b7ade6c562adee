// bench/maps.sh: a map keyed by a run-time value on every br_if: how often
// the branches are taken (true) and not taken (false), all br_ifs together.
// The key is known only at run time, so every execution goes through the
// hash map.  (The kernels run br_table only in libc's printf, so
// dynamic-map.mm alone would measure next to nothing.)
report var m: map<bool, u32>;

wasm:opcode:br_if:before {
    m[arg0 != 0]++;
}
