// calls.mm -- e2e case lib-calls: library calls in a global initialiser,
// a global statement (result dropped), a script function, a predicate and
// a probe body.  Expected values: NOTES.
use counter;
use whamm_core;

var first: i32 = counter.next();
counter.next();

fn bump() -> i32 {
    return counter.next();
}

report var even_calls: u32;

wasm:opcode:call:before / counter.is_even(pc as i32) == 1 / {
    even_calls++;
}

wasm:end {
    whamm_core.puti32(first);
    whamm_core.putc(10);
    whamm_core.puti32(bump());
    whamm_core.putc(10);
    whamm_core.putf64(counter.scale(3 as i64, 1.5));
    whamm_core.putc(10);
    counter.reset(7);
    whamm_core.puti32(counter.next());
    whamm_core.putc(10);
}
