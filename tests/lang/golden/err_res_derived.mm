// A derived variable computed from a result (`failed` = res0 == -1 at
// memory.grow) exists only where the result does: in `after` probes.
wasm:opcode:memory.grow:before {
    var f: bool = failed;
}
wasm:opcode:memory.grow:after {
    var g: bool = failed;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_res_derived.mm:4:19: error: `failed` (= res0 == -1) is computed from a result of the instruction: it exists only in `after` probes, not in `before` [E0404]
//     4 |     var f: bool = failed;
//       |                   ^~~~~~
// note: use the mode `after` (e.g. `wasm:opcode:memory.grow:after`)
