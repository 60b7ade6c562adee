// A script-level counter of every instruction: whamm adds it up once per
// straight-line segment (a pure counter), and a segment ends after an
// instruction that may trap, so the load's trap loses nothing.
report var n: u64;
wasm:opcode:*:before {
    n++;
}
