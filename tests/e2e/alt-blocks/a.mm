// a.mm -- e2e case alt-blocks: `alt` on each block kind (block_alt: the
// body replaces the whole construct; for `else` the else branch).
// Expected (NOTES): 41 00 20 20 30 07, then the report (alt_runs 4).
report var alt_runs: u32;

// the block leaving 2 becomes 40: blk = 1 + 40
wasm:opcode:block:alt {
    alt_runs++;
    return 40;
}

// the loop is gone: lp returns its local k untouched, 0
wasm:opcode:loop:alt / fname == "lp" / {
    alt_runs++;
}

// a predicate known only at run time: when the condition is 1 the body
// replaces the if (r stays 20), otherwise the if runs as written
wasm:opcode:if(arg0: i32):alt / fname == "cond" && arg0 == 1 / {
    alt_runs++;
}

// the else branch of els leaves 30 instead of 5
wasm:opcode:else:alt {
    alt_runs++;
    return 30;
}
