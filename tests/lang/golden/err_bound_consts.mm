// A name with a literal value converts like the literal; a
// static variable without one, a string or a bool does not.  Without a
// target type the right operand takes the left's: fid is no literal.
wasm:opcode:br_if:before {
    var a: i16 = fid;
    var b: i32 = opname;
    var c: bool = bytecode + fid == 1;
    var ok: u32 = bytecode + fid;
}
wasm:opcode:i32.load:before {
    var d: i32 = is_write;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_bound_consts.mm:5:18: error: cannot assign a value of type u32 to a variable of type i16 [E0501]
//     5 |     var a: i16 = fid;
//       |                  ^~~
// err_bound_consts.mm:6:18: error: cannot assign a value of type str to a variable of type i32 [E0501]
//     6 |     var b: i32 = opname;
//       |                  ^~~~~~
// err_bound_consts.mm:7:30: error: the operands of `+` have different types, u16 and u32, and whamm does not convert between them implicitly; convert one with `as` [E0502]
//     7 |     var c: bool = bytecode + fid == 1;
//       |                              ^~~
// err_bound_consts.mm:11:18: error: cannot assign a value of type bool to a variable of type i32 [E0501]
//    11 |     var d: i32 = is_write;
//       |                  ^~~~~~~~
