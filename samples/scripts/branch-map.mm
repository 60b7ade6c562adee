// branch-map.mm -- the README's first example as a whole script: how many
// times each conditional branch (br_if) of one function is reached, all in
// one map keyed by the site, (fid, pc).  Both parts of the key are known
// when the module is instrumented, so every site bumps its own entry in
// place.  The function is picked by name: indices count the imports
// first (in samples/cmake functions 0-4 are WASI imports).
// Report: one `count` row (map_id) listing the entries as `(fid,pc)->n`
// joined by `;`, sorted by key.
report var count: map<(u32, u32), u32>;

wasm:opcode:br_if:before / fname == "collatz_len" / {
    count[(fid, pc)]++;
}
