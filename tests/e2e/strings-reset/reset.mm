// reset.mm -- e2e case strings-reset: no string outlives a probe (only a
// probe-local str), so whamm empties its string heap whenever the probe
// starts and 70000 reads of 64 KiB (4.6 GB) run in constant memory.
// Without the reset the heap would pass 4 GiB and the run would stop with
// "whamm: out of memory: ...".  Expected values: NOTES.
report var calls: u32;
report var bytes: u64;

wasm:opcode:call(arg0: i32, arg1: i32):before / target_fn_name == "use" / {
    var chunk: str = read_str(0, arg1, arg0 as u32);
    calls++;
    bytes = bytes + (chunk.len() as u64);
}
