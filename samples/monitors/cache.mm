// cache.mm -- cache simulator: every load and store goes through a cache
// model written in C (cache.c, the user library `cache`), which answers
// hit or miss.  The geometry below: 64-byte lines, 32 sets, 2 ways (4 KiB,
// 2-way set-associative, LRU); cache.configure(64, 64, 1) would make it a
// direct-mapped 4 KiB cache.
// Report: `hits` and `misses` (global_id) for the whole run; per load or
// store site `site_hits` and `site_misses` (memaddr), so the misses can be
// traced to the instructions that cause them.
use cache;

report var hits: u64;
report var misses: u64;
cache.configure(64, 32, 2);          // runs once, at start-up

wasm:opcode:*.load*|*.store*:before {
    report var site_hits: u64;
    report var site_misses: u64;
    if (cache.access(effective_addr as i32, data_size as i32) == 1) {
        hits++;
        site_hits++;
    } else {
        misses++;
        site_misses++;
    }
}
