use lib;
wasm:opcode:nop:before {
    @inline lib.f();
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_annotation.mm:3:5: error: `@inline` is not a valid annotation (expected `@static` or `@init`) [E0301]
//     3 |     @inline lib.f();
//       |     ^~~~~~~
