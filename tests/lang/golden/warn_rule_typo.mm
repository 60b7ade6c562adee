// A rule matching nothing is a warning, not an error.
wasm:opcode:br_iff:before {}
wasm:opcod:call:before {}
wasm:opcode:call:befor {}
// ---- expected (exit 0) ----
// stdout:
// stderr:
// warn_rule_typo.mm:2:13: warning: could not find any matches for the event pattern 'br_iff' [E0407]
//     2 | wasm:opcode:br_iff:before {}
//       |             ^~~~~~
// note: did you mean `br_if`?
// warn_rule_typo.mm:3:6: warning: could not find any matches for the package pattern 'opcod' [E0407]
//     3 | wasm:opcod:call:before {}
//       |      ^~~~~
// note: did you mean `opcode`?
// warn_rule_typo.mm:4:18: warning: could not find any matches for the mode pattern 'befor' [E0407]
//     4 | wasm:opcode:call:befor {}
//       |                  ^~~~~
// note: did you mean `before`?
