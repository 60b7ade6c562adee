// RUN: check -d T
// A static bound variable with a literal value at its event (a literal
// `derived_from`: opname, bytecode, category_id, category_name, is_write)
// converts implicitly as that literal would; other
// static variables (fid) need a cast.  Each expansion uses its own values.
wasm:opcode:br_if|i32.add|i64.store8:before {
    var code: i16 = bytecode;
    var cat: u8 = category_id + 1;
    var wide: f64 = bytecode;
    var func: i16 = fid as i16;
    var name: str = opname;
    var s: str = category_name;
    report var len: u32 = s.len();
}
wasm:opcode:i32.store:after {
    var w: bool = is_write;
    unshared var first: u16 = bytecode;
}
// ---- expected (exit 0) ----
// stdout:
// // expands to: wasm:opcode:br_if:before wasm:opcode:i64.store8:before wasm:opcode:i32.add:before
// wasm:opcode:br_if|i32.add|i64.store8:before {
//     var code: i16 = bytecode/*:i16*/;
//     var cat: u8 = category_id/*:u8*/ + 1;
//     var wide: f64 = bytecode/*:f64*/;
//     var func: i16 = fid/*:u32*/ as i16;
//     var name: str = opname/*:str*/;
//     var s: str = category_name/*:str*/;
//     report var len: u32 = s.len()/*:u32*/;
// }
// // expands to: wasm:opcode:i32.store:after
// wasm:opcode:i32.store:after {
//     var w: bool = is_write/*:bool*/;
//     unshared var first: u16 = bytecode/*:u16*/;
// }
// stderr:
