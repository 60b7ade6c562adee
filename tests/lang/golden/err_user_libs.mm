// RUN: check --user-libs mylib=../libs/mylib.wasm,badlib=../libs/badlib.wasm {}
// Libraries come from --user-libs; calls are checked against
// the signatures of their exported functions.
use mylib;
use badlib;
use other;
wasm:opcode:call:before {
    mylib.nope();
    mylib.log(1, 2);
    var x: u32 = mylib.compute(1, 2);
    badlib.vec();
    badlib.pair();
}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// err_user_libs.mm:6:5: error: the script uses the library `other`, but it was not given [E0512]
//     6 | use other;
//       |     ^~~~~
// note: give it with `--user-libs other=path/to/other.wasm`
// err_user_libs.mm:8:11: error: library `mylib` exports no function `nope` [E0512]
//     8 |     mylib.nope();
//       |           ^~~~
// err_user_libs.mm:9:5: error: this function takes 1 argument but 2 were given [E0504]
//     9 |     mylib.log(1, 2);
//       |     ^~~~~~~~~~~~~~~
// err_user_libs.mm:10:18: error: cannot assign a value of type i32 to a variable of type u32 [E0501]
//    10 |     var x: u32 = mylib.compute(1, 2);
//       |                  ^~~~~~~~~~~~~~~~~~~
// err_user_libs.mm:11:12: error: `badlib.vec` cannot be called from whamm: parameter 0 is v128 (whamm passes i32, i64, f32, f64 and funcref) [E0512]
//    11 |     badlib.vec();
//       |            ^~~
// err_user_libs.mm:12:12: error: `badlib.pair` cannot be called from whamm: it returns several values (at most one is supported) [E0512]
//    12 |     badlib.pair();
//       |            ^~~~
