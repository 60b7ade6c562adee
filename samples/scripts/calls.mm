// calls.mm -- call counts by function name: every function entry bumps
// the counter of the function's name (from the name section), so direct
// and indirect calls are both counted.  Report: one map row `calls`,
// name->count sorted by name.
report var calls: map<str, u32>;

wasm:func:entry {
    calls[fname]++;
}
