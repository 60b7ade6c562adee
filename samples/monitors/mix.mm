// mix.mm -- instruction mix: how many instructions of each opcode and of
// each category (arith, compare, const, control, load, local, store, ...)
// the program executed.
// Report: `by_opcode` and `by_category` (map_id), entries `name->n` sorted
// by name; each map sums to the instruction count.
report var by_opcode: map<str, u64>;
report var by_category: map<str, u64>;

wasm:opcode:*:before {
    by_opcode[opname]++;
    by_category[category_name]++;
}
