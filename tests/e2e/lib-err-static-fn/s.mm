use x;
fn g() -> i32 {
    return @static x.f();
}
wasm:func:entry { var y: i32 = g(); }
