// Line comments, nestable block comments.
/* a /* b */ c */
wasm:opcode:nop:before /* between */ { // trailing
    /* inside /* nested */ still */
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
