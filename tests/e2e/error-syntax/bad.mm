// bad.mm -- e2e case error-syntax: a missing operand (line 5, column 21,
// the `;`): whamm instr must fail with a located diagnostic, exit 1.
report var count: u32;
wasm:opcode:call:before {
    count = count + ;
}
