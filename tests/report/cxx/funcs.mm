// funcs.mm -- tests/report case cxx: how often each C++ function of the
// app runs (its name has a parenthesis; C names have none), per function
// and in a map keyed by the function's name.
report var byname: map<str, u32>;

wasm:func:entry / fname.contains("(") / {
    report var calls: u32;
    calls++;
    byname[fname]++;
}
