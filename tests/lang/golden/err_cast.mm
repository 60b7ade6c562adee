// `as` converts numbers and bools into each other; a str, a tuple, a map
// or a funcref only "converts" to its own type.
var s: str;
var t: (u32, u32);
var m: map<u32, u32>;
wasm:opcode:call_indirect:before {
    var a: i32 = s as i32;
    var b: bool = t as bool;
    var c: str = 5 as str;
    var d: bool = target_funcref as bool;
    var e: u64 = true as u64;
    var f: str = s as str;
    var g: u32 = m as u32;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_cast.mm:7:18: error: cannot convert a value of type str to i32 with `as`: only numbers and bools convert [E0503]
//     7 |     var a: i32 = s as i32;
//       |                  ^~~~~~~~
// err_cast.mm:8:19: error: cannot convert a value of type (u32,u32) to bool with `as`: only numbers and bools convert [E0503]
//     8 |     var b: bool = t as bool;
//       |                   ^~~~~~~~~
// err_cast.mm:9:18: error: cannot convert a value of type i32 to str with `as`: only numbers and bools convert [E0503]
//     9 |     var c: str = 5 as str;
//       |                  ^~~~~~~~
// err_cast.mm:10:19: error: cannot convert a value of type funcref to bool with `as`: only numbers and bools convert [E0503]
//    10 |     var d: bool = target_funcref as bool;
//       |                   ^~~~~~~~~~~~~~~~~~~~~~
// err_cast.mm:13:18: error: cannot convert a value of type map<u32,u32> to u32 with `as`: only numbers and bools convert [E0503]
//    13 |     var g: u32 = m as u32;
//       |                  ^~~~~~~~
