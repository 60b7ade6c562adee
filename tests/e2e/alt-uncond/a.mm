// a.mm -- e2e case alt-uncond: `alt` on instructions that never fall
// through.  The body runs in their place, the values they took stay on
// the stack (br_table's index excepted), and the code after them runs.
// Expected (NOTES): 11 30 09 08, then the report (runs 4).
report var runs: u32;

wasm:opcode:br:alt { runs++; }

// predicated: the branch runs unless the index is 2
wasm:opcode:br_table(arg0: i32):alt / arg0 == 2 / { runs++; }

wasm:opcode:return:alt { runs++; }

// guard(1) no longer traps
wasm:opcode:unreachable:alt { runs++; }
