// The reference's order0.mm: two func:entry probes incrementing a global.
var i: i32;
report var first: i32;
report var second: i32;
wasm:func:entry {
    first = i;
    i++;
}
wasm:func:entry {
    second = i;
    i++;
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
