// 25 broken statements: the first 20 are reported, then the parser stops
// ("too many errors").
report var n: u32;
wasm:opcode:call:before {
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
    n = n + ;
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_syntax_too_many.mm:5:13: error: expected an expression, found `;` [E0301]
//     5 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:6:13: error: expected an expression, found `;` [E0301]
//     6 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:7:13: error: expected an expression, found `;` [E0301]
//     7 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:8:13: error: expected an expression, found `;` [E0301]
//     8 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:9:13: error: expected an expression, found `;` [E0301]
//     9 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:10:13: error: expected an expression, found `;` [E0301]
//    10 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:11:13: error: expected an expression, found `;` [E0301]
//    11 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:12:13: error: expected an expression, found `;` [E0301]
//    12 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:13:13: error: expected an expression, found `;` [E0301]
//    13 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:14:13: error: expected an expression, found `;` [E0301]
//    14 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:15:13: error: expected an expression, found `;` [E0301]
//    15 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:16:13: error: expected an expression, found `;` [E0301]
//    16 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:17:13: error: expected an expression, found `;` [E0301]
//    17 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:18:13: error: expected an expression, found `;` [E0301]
//    18 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:19:13: error: expected an expression, found `;` [E0301]
//    19 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:20:13: error: expected an expression, found `;` [E0301]
//    20 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:21:13: error: expected an expression, found `;` [E0301]
//    21 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:22:13: error: expected an expression, found `;` [E0301]
//    22 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:23:13: error: expected an expression, found `;` [E0301]
//    23 |     n = n + ;
//       |             ^
// err_syntax_too_many.mm:24:13: error: expected an expression, found `;` [E0301]
//    24 |     n = n + ;
//       |             ^
// note: too many errors: stopped after 20; fix these and run again
