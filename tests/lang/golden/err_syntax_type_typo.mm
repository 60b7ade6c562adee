// A misspelt type name is a syntax error with "did you mean"; each
// declaration is reported (the parser resumes at the next statement).
wasm:opcode:call:before {
    var a: u23 = 1;
    var b: string;
    var c: booll = true;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_type_typo.mm:4:12: error: unknown type name (expected u8, i8, u16, i16, u32, i32, f32, u64, i64, f64, bool, str, funcref, a tuple or map<K, V>) [E0301]
//     4 |     var a: u23 = 1;
//       |            ^~~
// note: did you mean `u32`?
// err_syntax_type_typo.mm:5:12: error: unknown type name (expected u8, i8, u16, i16, u32, i32, f32, u64, i64, f64, bool, str, funcref, a tuple or map<K, V>) [E0301]
//     5 |     var b: string;
//       |            ^~~~~~
// note: did you mean `str`?
// err_syntax_type_typo.mm:6:12: error: unknown type name (expected u8, i8, u16, i16, u32, i32, f32, u64, i64, f64, bool, str, funcref, a tuple or map<K, V>) [E0301]
//     6 |     var c: booll = true;
//       |            ^~~~~
// note: did you mean `bool`?
