// bench/maps.sh: a per-site counter on every br_if (one u32 per site,
// printed as one report row per site with its fid and pc).
wasm:opcode:br_if:before {
    report unshared var n: u32;
    n++;
}
