// pred.mm -- e2e case no-pred: pred-arg0's script, instrumented with
// --no-pred: every body runs at every site its rule matches (the type
// bound arg0: i32 still filters), whatever its predicate says.
wasm:opcode:call(arg0: i32):before / target_fn_name == "half" && arg0 > 5 / {
    report var big: u32;
    big++;
}

// i32.div_s: arg0 is the divisor (top of the stack), arg1 the dividend
wasm:opcode:i32.div_s:before / arg1 < 0 / {
    report var negative: u32;
    negative++;
}
