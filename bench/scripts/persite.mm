// bench/persite.sh: a per-site counter on every instruction -- one u64 of
// state and one report row (fname, fid, pc, probe_id) per site.
wasm:opcode:*:before {
    report unshared var n: u64;
    n++;
}
