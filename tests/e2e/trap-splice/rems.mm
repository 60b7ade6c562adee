// rems.mm -- e2e cases trap-splice and exit-splice: the remainders check()
// computes.  No probe matches in abort() or _Exit(), so their bodies get
// only the report's flush, before the trap or the proc_exit call.
// Expected values: NOTES.
report var rems: u32;

wasm:opcode:i32.rem_s:before / fname == "check" / {
    rems++;
}
