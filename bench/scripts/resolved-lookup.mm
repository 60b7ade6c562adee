// bench/resolved.sh: the lookup alone: the resolved target of every
// call_indirect kept in a global (no map update; reported so that every
// form prints a report).
report var last: i32;

wasm:opcode:call_indirect:before {
    last = resolved_fid;
}
