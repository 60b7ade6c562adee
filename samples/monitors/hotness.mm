// hotness.mm -- hotness: how many times each instruction ran.
// Report: one `hits` row (memaddr) per instruction of the module, located
// by fname, fid and pc (the instruction's byte offset in its function's
// code, plus one); instructions that never ran have 0.  Sort the rows by
// value to find the hot loops.
wasm:opcode:*:before {
    report var hits: u64;
    hits++;
}
