// script.mm -- wei-target case mixed: static and run-time predicates, the
// function name in a body, per-site variables with initialisers, maps,
// a function of the script, wasm:begin and wasm:end.
use whamm_core;

report var calls: u64;
report var by_fn: map<str, u64>;
report var taken_at: map<(u32, u32), u32>;
var adds: u64;

fn bump(x: u64, by: u64) -> u64 {
    return x + by;
}

wasm:begin {
    whamm_core.putu32(7);
    whamm_core.putc(10);
}

wasm:opcode:call:before / imm0 > 0 / {
    calls = bump(calls, 1);
    by_fn[fname]++;
}

wasm:opcode:br_if:before / fid > 0 && arg0 != 0 && pc > 1 / {
    report var taken: u32;
    report var at: u32 = pc + 1000;
    taken++;
    taken_at[(fid, pc)]++;
}

wasm:opcode:i32.add:before {
    unshared var seen: u64 = 5;
    seen++;
    adds = bump(adds, seen - 5);
}

wasm:end {
    whamm_core.putu64(adds as i64);
    whamm_core.putc(10);
}
