// bench/maps.sh: a map keyed by a run-time value: how often each br_table
// index is taken (a hash-map update per execution).
report var m: map<u32, u32>;

wasm:opcode:br_table:before {
    m[arg0]++;
}
