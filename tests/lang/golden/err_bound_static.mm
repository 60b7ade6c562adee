wasm:opcode:br(imm0: u32):before {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_bound_static.mm:1:16: error: a type bound names a variable known only at run time (argN, localN, resN); `imm0` is static and its type is already known [E0406]
//     1 | wasm:opcode:br(imm0: u32):before {}
//       |                ^~~~
