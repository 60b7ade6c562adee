// init.mm -- e2e case init-receiver: a method call on a probe local in
// the initialiser of a report variable.  Expected values: NOTES.
wasm:opcode:call:before {
    var s: str = "abc";
    report var start_len: u32 = s.len();
    report var greeting: str = "hello";
    report var greeting_len: u32 = greeting.len();
    report var has_a: bool = s.contains("a");
    start_len = start_len + s.len();
}
