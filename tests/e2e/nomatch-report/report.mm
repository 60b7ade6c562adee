// report.mm -- e2e case nomatch-report: the probe matches no site (the
// app has no memory.grow), but a script-level report variable is still
// printed, with its initial value 5 (the output then differs from the
// input).  A per-site report variable of the probe has no site, so no row.
report var n: i32 = 5;

wasm:opcode:memory.grow:before {
    report var grows: u32;
    grows++;
    n++;
}
