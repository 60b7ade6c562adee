// Events with modes need 4 parts, mode-less ones 3.
wasm:opcode:call {}
wasm:func:entry:before {}
wasm:opcode:[br:before {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_rule_shape.mm:2:13: error: `call` needs a rule with 4 parts: add a mode, e.g. `:before` [E0408]
//     2 | wasm:opcode:call {}
//       |             ^~~~
// err_rule_shape.mm:3:17: error: `entry` needs a rule with 3 parts (it has no modes) [E0408]
//     3 | wasm:func:entry:before {}
//       |                 ^~~~~~
// err_rule_shape.mm:4:13: error: invalid event pattern '[br': unmatched '[' at offset 0; expected a glob of *, ?, [abc], [!abc] [E0408]
//     4 | wasm:opcode:[br:before {}
//       |             ^~~
