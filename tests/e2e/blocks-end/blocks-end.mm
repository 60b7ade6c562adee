// blocks-end.mm -- e2e case blocks-end: wasm:block:end alone, so the
// basic-block state machine runs once per instruction and
// instr_count is the size of each basic block (except for the `loop`
// quirk: loop/end do not count themselves).  See NOTES for the trace.
wasm:block:end {
    report var ends: u32;
    report var len: i32 = instr_count as i32;
    ends++;
}
