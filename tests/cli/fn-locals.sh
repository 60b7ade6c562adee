#!/bin/sh
# fn-locals.sh WHAMM WORK -- script functions with locals (issue 14, item
# 8): their variables (parameters, then `var`s, one after a `return`
# included) live in one heap vector freed after the function is built --
# they leaked (LeakSanitizer, the ASan run of this test fails on a leak)
# and, with 8 parameters, the first `var` reallocated arena memory.
set -eu
whamm=$1 work=$2
name=fn-locals
. "$(dirname "$0")/lib.sh"
fresh_work "$work"
br_if_app
cat > fns.mm <<'MM'
fn f() -> i32 {
    return 1;
    var x: i32 = 2;
}
fn g(a: i32, b: i32, c: i32, d: i32, e: i32, h: i32, i: i32, j: i32) -> i32 {
    var x: i32 = a + b;
    var y: i32 = x + c;
    return y + j;
}
wasm:opcode:br_if:before {
    report var n: i32;
    n = n + f() + g(1, 2, 3, 4, 5, 6, 7, 8);
}
MM
"$whamm" instr --app app.wasm --script fns.mm -o out.wasm > out.txt 2> err.txt ||
    fail "instr: exit $?: $(cat err.txt)"
grep -q "warning: unreachable code" err.txt || fail "no unreachable warning: $(cat err.txt)"
if command -v wasm-validate > /dev/null; then
    wasm-validate --enable-all out.wasm || fail "the output does not validate"
fi
echo "ok fn-locals"
