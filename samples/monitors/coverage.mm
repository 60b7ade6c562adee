// coverage.mm -- instruction coverage: which functions and which
// instructions ran at least once.
// Report: per function a `called` row, per instruction a `ran` row (bool,
// located by fname, fid and pc): `false` marks code the run never reached.
// Per function, the share of `ran` rows that are true is its instruction
// coverage.
wasm:func:entry {
    report var called: bool;
    called = true;
}

wasm:opcode:*:before {
    report var ran: bool;
    ran = true;
}
