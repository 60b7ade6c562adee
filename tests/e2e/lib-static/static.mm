// static.mm -- e2e case lib-static: @static library calls run while
// instrumenting, once per site, in site order; the library keeps its
// state between them.  Expected values: NOTES.
use sel;

report var kept: u32;

wasm:opcode:call:before / @static sel.keep(pc as i32) == 1 / {
    kept++;
}

wasm:opcode:call:before {
    report var order: i32 = @static sel.next();
    report var half: f64 = @static sel.scaled(pc as i64);
}
