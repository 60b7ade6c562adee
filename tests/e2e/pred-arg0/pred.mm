// pred.mm -- e2e case pred-arg0: predicates with a run-time part.  The
// static part (target_fn_name) folds per site; what is left (`arg0 > 5`,
// `arg1 < 0`, signed because both are i32) is tested when the site runs.
// Expected (NOTES): big 0, 1, 0, 1 at the four calls of half; negative 1.
wasm:opcode:call(arg0: i32):before / target_fn_name == "half" && arg0 > 5 / {
    report var big: u32;
    big++;
}

// i32.div_s: arg0 is the divisor (top of the stack), arg1 the dividend
wasm:opcode:i32.div_s:before / arg1 < 0 / {
    report var negative: u32;
    negative++;
}
