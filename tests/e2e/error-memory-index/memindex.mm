// memindex.mm -- e2e case error-memory-index: page_size(7) names a memory
// the module (which has one) lacks: a located error on line 6, exit 1,
// no output file.
report var n: u32;

wasm:opcode:call:before { n = page_size(7); }
