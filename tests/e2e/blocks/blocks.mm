// blocks.mm -- e2e case blocks: wasm:block:start and wasm:block:end in one
// script, so the basic-block state machine runs twice
// per instruction (end first) on shared state; see NOTES for the trace.
// Each var type belongs to one probe (starts u32, len i32, ends u64), so
// the report groups them apart: starts rows, then len rows, then ends.
wasm:block:start {
    report var starts: u32;
    starts++;
}

wasm:block:end {
    report var ends: u64;
    report var len: i32 = instr_count as i32;
    ends++;
}
