// calls.mm -- call counts by function name: every function entry bumps a
// counter of that function, so direct and indirect calls are both
// counted.  Report: one `calls` row (memaddr) per function, its name in
// the fname column (from the name section; `#<fid>` when it has none).
wasm:func:entry {
    report var calls: u32;
    calls++;
}
