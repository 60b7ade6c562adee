// nomatch.mm -- bench/instr.sh: a probe that matches no site in the benchmark
// modules (none of them uses threads/atomics), so `whamm instr` does the whole
// pipeline (parse, check, match every instruction, write) but injects nothing
// into the code.  The report variable keeps the report machinery in the output.
report var hits: u64;

wasm:opcode:memory.atomic.notify:before {
    hits++;
}
