// after.mm -- e2e case after-res0: `after` probes reading the result
// (res0) of i32.add in sum3 (per site) and of the calls of sq (globals).
// The results are pushed back unchanged, so the program still prints 14.
// Expected (NOTES): sum 5 and 14 at sum3's two adds; last_sq 9, sq_total 14.
report var sq_total: i32;
report var last_sq: i32;

wasm:opcode:i32.add:after / fname == "sum3" / {
    report var sum: i32;
    sum = sum + res0;
}

wasm:opcode:call(res0: i32):after / target_fn_name == "sq" / {
    sq_total = sq_total + res0;
    last_sq = res0;
}
