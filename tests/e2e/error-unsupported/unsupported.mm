// unsupported.mm -- e2e case error-unsupported: maps are not supported
// by `whamm instr` yet (docs/instr.md): a located error on line 5, exit 1.
// (`whamm check` accepts this script: it is valid whamm.)
wasm:opcode:call:before {
    var seen: map<u32, u32>;
}
