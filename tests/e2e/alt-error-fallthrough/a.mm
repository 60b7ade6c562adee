// a.mm -- e2e case alt-error-fallthrough: `alt` on a `return` whose
// replacement would leave the module invalid is a located error.
wasm:opcode:return:alt { }
