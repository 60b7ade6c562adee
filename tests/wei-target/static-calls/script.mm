// script.mm -- wei-target case static-calls: @static library calls in a
// predicate, in initialisers and in a body run while the engine binds the
// monitor, once per site, in site order.
use sel;

report var kept: u32;
report var total: f64;

wasm:opcode:call:before / @static sel.keep(pc as i32) == 1 / {
    kept++;
}

wasm:opcode:call:before {
    report var order: i32 = @static sel.next();
    total = total + @static sel.scaled(pc as i64);
}
