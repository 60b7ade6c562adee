// heap.mm -- e2e case strings-heap: read_str results that outlive the
// probe (the global `last`) keep the heap from being emptied, so 200 reads
// of 40000 bytes (8 MB) make whamm's memory grow page by page; `last` is
// printed in the report.  Expected values are derived in NOTES.
report var last: str;
report var total: u32;
report var first_byte_zero: u32;

wasm:opcode:call(arg0: i32, arg1: i32):before / target_fn_name == "use" / {
    var big: str = read_str(0, arg1, arg0 as u32);
    total = total + big.len();
    if (big.starts_with("\0\0\0\0")) {
        first_byte_zero++;
    }
}

wasm:opcode:call(arg0: i32, arg1: i32):before / target_fn_name == "print" / {
    last = read_str(0, arg1, arg0 as u32);
}
