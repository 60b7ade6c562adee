// trap.mm -- e2e cases trap-*: calls of check(), counted at entry; the
// program ends in a trap at the fourth call.  Expected values: NOTES.
report var checks: u32;

wasm:func:entry / fname == "check" / {
    checks++;
}
