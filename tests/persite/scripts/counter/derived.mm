// A script-level counter of every instruction: a pure counter, which
// whamm sums per straight-line segment in a local of each function and
// moves into its global before calls, returns, traps the program raises,
// branches back to a loop and the function's end (with --exact-traps a
// segment also ends after an instruction that may trap, and the sum goes
// straight to the global).
report var n: u64;
wasm:opcode:*:before {
    n++;
}
