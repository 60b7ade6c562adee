// Globals, report/unshared (either order), declarations with
// initialisers, maps and tuples.
var count: map<i32, i32>;
report var hits: u64;
unshared var plain: i32 = 5;
report unshared var a: u32 = 1;
unshared report var b: (i32, (u8, str)) = (1, (2, "x"));
var nested: map<(i32, i32), (u32, (bool, str))>;
var unit: ();
wasm:opcode:br_if:before {
    report var taken: u32 = fid + pc;
    unshared var seen: bool;
    var local: u32 = arg0;
    unshared var per_site: map<u32, u32>;
    report var counts: map<(u32, bool), u64>;
    hits++;
    taken = taken + local;
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
