// A rule matching no event of the provider definitions is an error (a
// typo), with "did you mean"; matching events but no site is a warning.
wasm:opcode:br_iff:before {}
wasm:opcod:call:before {}
wasm:opcode:call:befor {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_rule_typo.mm:3:13: error: could not find any matches for the event pattern 'br_iff' [E0407]
//     3 | wasm:opcode:br_iff:before {}
//       |             ^~~~~~
// note: did you mean `br_if`?
// err_rule_typo.mm:4:6: error: could not find any matches for the package pattern 'opcod' [E0407]
//     4 | wasm:opcod:call:before {}
//       |      ^~~~~
// note: did you mean `opcode`?
// err_rule_typo.mm:5:18: error: could not find any matches for the mode pattern 'befor' [E0407]
//     5 | wasm:opcode:call:befor {}
//       |                  ^~~~~
// note: did you mean `before`?
