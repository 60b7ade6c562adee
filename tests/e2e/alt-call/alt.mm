// alt.mm -- e2e case alt-call: every call to `slow` is replaced by a call
// to `fast` with the same arguments (the predicate is static: it folds to
// true at the two calls of slow and to false at every other call).
// Expected output: fast 1, fast 2, fast 3; no report (no report vars).
wasm:opcode:call:alt / target_fn_name == "slow" / {
    alt_call_by_name("fast");
}
