// memid.mm -- e2e case error-memory-id: a memory id must be known when
// instrumenting (a literal or memid(whamm_core)); one computed at run time
// is a located error on line 7, exit 1, no output file.
report var n: u32;

wasm:opcode:call(arg0: i32):before {
    n = mem_size(arg0 as u32);
}
