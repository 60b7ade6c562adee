// Type bounds declare pattern-named bound variables and filter
// sites; they may follow any of the first three parts.
wasm:opcode:call(arg0: i32, arg1: i32):before {
    var s: i32 = arg0 + arg1;
}
wasm(local0: i32):func:entry {
    var l: i32 = local0;
}
wasm:opcode:call(res0: f64):after {
    var r: f64 = res0;
}
wasm:opcode:*(arg0: i32):before / arg0 == 0 / {}
// ---- expected (exit 0) ----
// stdout:
// stderr:
