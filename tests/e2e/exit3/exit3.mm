// exit3.mm -- e2e case exit3: entries and normal exits of check(), which
// main calls with 1, 5, 9 and 13; check(13) ends the program through
// exit(3).  Expected: checks 4, returns 3, printed after the program's
// own output (stdio is flushed by exit() before proc_exit), exit code 3.
report var checks: u32;
report var returns: u32;

wasm:func:entry / fname == "check" / {
    checks++;
}

wasm:func:exit / fname == "check" / {
    returns++;
}
