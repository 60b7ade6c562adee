// User functions, recursion, `return;`, no return type.
fn fact(n: u64) -> u64 {
    if (n <= 1) {
        return 1;
    }
    return n * fact(n - 1);
}
fn nothing() {
    return;
}
fn pair(a: i32, b: i32) -> (i32, i32) {
    return (a, b);
}
wasm:func:entry {
    var x: u64 = fact(5);
    var p: (i32, i32) = pair(1, 2);
    nothing();
}
// ---- expected (exit 0) ----
// stdout:
// stderr:
