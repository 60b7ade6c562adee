// whamm_core's functions (docs/instr.md), with the allocator used by
// the instrumentation: mem_alloc(i32) -> i32 and mem_free(i32).
use whamm_core;
wasm:opcode:br_if:before {
    var p: i32 = whamm_core.mem_alloc(16);
    whamm_core.puti32(p);
    whamm_core.mem_free(p);
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
