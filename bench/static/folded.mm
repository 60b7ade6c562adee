// folded.mm -- bench/static.sh: the same sites, a predicate whamm folds
// itself (the reference for the time @static calls add).
report var kept: u64;
wasm:opcode:call:before / (fid * 7 + pc) % 7 == 0 / {
    kept++;
}
