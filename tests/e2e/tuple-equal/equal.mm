// equal.mm -- e2e case tuple-equal: == and != on tuples known only at run
// time (they hold a global counter).  Expected values: NOTES.
var calls: u32;
report var same: u32;
report var other_str: u32;
report var other_float: u32;
report var differ: u32;

wasm:opcode:call:before {
    calls++;
    var t: (u32, (str, f64)) = (calls, ("a", 1.5));
    var u: (u32, (str, f64)) = (2, ("a", 1.5));
    var v: (u32, (str, f64)) = (calls, ("b", 1.5));
    var w: (u32, (str, f64)) = (calls, ("a", 2.5));
    if (t == u) { same++; }
    if (t == v) { other_str++; }
    if (t == w) { other_float++; }
    if (t != v) { differ++; }
    if (t != u) { differ = differ + 100; }
}
