// unsupported.mm -- e2e case error-unsupported: read_str is not supported
// by `whamm instr` yet (docs/instr.md): a located error on line 5, exit 1.
// (`whamm check` accepts this script: it is valid whamm.)
wasm:opcode:call(arg0: i32):before {
    var s: str = read_str(0, arg0, 4);
}
