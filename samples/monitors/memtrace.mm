// memtrace.mm -- memory-access tracer: per load/store site, how many
// accesses, how many bytes and the lowest and highest address it touched;
// for the whole program, the accesses per 4 KiB page of memory.
// Report: per site `accesses`, `bytes` (u64), `lowest`, `highest` (u32);
// then `pages` (map_id), entries `(page,is_write)->accesses` where page is
// the effective address / 4096 and is_write tells stores from loads.
report var pages: map<(u32, bool), u64>;

wasm:opcode:*.load*|*.store*:before {
    report var accesses: u64;
    report var bytes: u64;
    report var lowest: u32 = 4294967295;
    report var highest: u32;
    accesses++;
    bytes = bytes + (data_size as u64);
    if (effective_addr < lowest) {
        lowest = effective_addr;
    }
    if (effective_addr > highest) {
        highest = effective_addr;
    }
    pages[(effective_addr >> 12, is_write)]++;
}
