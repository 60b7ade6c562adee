// blocks.mm -- basic-block counts: how many times each basic block ran,
// and how many instructions it has.
// Report: per block, a `size` row (u32: instructions in the block, fixed
// when instrumenting) and a `runs` row (u64), both at the pc of the
// instruction that ends the block.  For a block that ends at an `end`,
// `runs` also counts the branches that land there (docs/cookbook.md).
wasm:block:end {
    report var size: u32 = instr_count;
    report var runs: u64;
    runs++;
}
