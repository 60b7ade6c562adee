// icount.mm -- instruction count: how many Wasm instructions the program
// executed, in all and per function.
// Report: `count` (global_id), the total; `per_function` (map_id), one
// `name->n` entry per function that ran, keyed by the function's name.
// The cheapest probe there is, `count++` alone, costs one add per
// straight-line run of instructions (whamm sums them); the map's entries,
// laid out when instrumenting, cost a memory update per instruction, and
// with the map in the probe `count` is updated per instruction too.
report var count: u64;
report var per_function: map<str, u64>;

wasm:opcode:*:before {
    count++;
    per_function[fname]++;
}
