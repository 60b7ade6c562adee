wasm:opcode:br(imm0: u32):before {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_bound_static.mm:1:16: error: Type bounds should only be done for dynamically defined compiler variables (e.g. argN, localN); `imm0` is static [E0406]
//     1 | wasm:opcode:br(imm0: u32):before {}
//       |                ^~~~
