wasm:opcode:nop:before { report var n: u32; n++; }
