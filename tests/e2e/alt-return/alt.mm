// alt.mm -- e2e case alt-return: a predicated alt on an i32-returning
// call.  `target_fn_name == "answer"` folds to true at the four calls of
// answer (false elsewhere), `arg0 > 5` stays as a run-time test: when it
// holds, the call is replaced by the value 42, otherwise the original call
// runs.  Expected lines: 05 42 07 42 (answer(9) and answer(6) replaced).
wasm:opcode:call(arg0: i32):alt / target_fn_name == "answer" && arg0 > 5 / {
    return 42;
}
