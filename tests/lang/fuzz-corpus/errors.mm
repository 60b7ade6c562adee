var x: i32 = "str";
wasm:opcode:br_if:before / arg3 == 1 / {
    var y: u32 = fidd;
    x = true;
}
wasm:opcode:call:before { var q: i32 = arg0; }
wasm:opcode:br_iff:before { }
wasm:opcode:call:before { var x: i32; }
