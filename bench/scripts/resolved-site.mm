// bench/resolved.sh: the baseline for resolved-graph.mm: the same count
// per call_indirect site, with a key known when instrumenting.
report var sites: map<(u32, u32), u32>;

wasm:opcode:call_indirect:before {
    sites[(fid, pc)]++;
}
