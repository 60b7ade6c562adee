wasm:opcode:nop:before {
    var s: str = "ok \q";
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_escape.mm:2:22: error: unknown escape sequence (valid: \n \r \t \" \' \\ \0 \xHH \u{H+}) [E0301]
//     2 |     var s: str = "ok \q";
//       |                      ^~
