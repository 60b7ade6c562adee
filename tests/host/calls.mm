// calls.mm -- tests/host: how many times add() or mul() is entered.
report var calls: u32;

wasm:func:entry / fname == "add" || fname == "mul" / {
    calls++;
}
