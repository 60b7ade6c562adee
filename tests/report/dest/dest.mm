// dest.mm -- tests/report case dest: a small report (a per-site counter
// and a string that CSV quotes) to send to each destination.
report var label: str = "x,y";

wasm:func:entry / fname == "tick" / {
    report var ticks: u32;
    ticks++;
}
