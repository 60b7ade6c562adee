// Rule shapes, empty parts, alternatives, globs (case
// insensitive), mode-less events and packages without events.
wasm:opcode:br_if:before {}
wasm::call:alt {}
:::alt {}
wasm:::after {}
wasm:opcode:br|br_if:at_target {}
wasm:opcode:I32.*:after {}
wasm:opcode:br_i?:before {}
wasm:opcode:[bc]*:before {}
wasm:opcode:[!b]*:before {}
wasm:func:entry {}
wasm:func:exit {}
wasm:block:end { var n: u32 = instr_count; }
wasm:begin {}
wasm:end {}
wasm:report {}
// ---- expected (exit 0) ----
// stdout:
// stderr:
