// a.mm -- e2e case alt-try-throw: `alt` on `throw` (the payload becomes
// the function's result instead of an exception) and on `try_table`
// (the construct replaced; with a run-time predicate left at its start),
// next to a `before` probe on every throw.  Expected (NOTES): exit 0
// (_start checks every result), throw_alts 1, throws 3, try_alts 3.
report var throw_alts: u32;
report var try_alts: u32;
report var throws: u32;

wasm:opcode:throw:before {
    throws++;
}

// fail(3) returns 3: the payload stays for the code after the throw
wasm:opcode:throw(arg0: i32):alt / fname == "fail" && arg0 == 3 / {
    throw_alts++;
}

// catcher2(1) gives 77 without running the try_table's body
wasm:opcode:try_table(local0: i32):alt / fname == "catcher2" && local0 == 1 / {
    try_alts++;
    return 77;
}

// catcher3's try_table is gone: always 55
wasm:opcode:try_table:alt / fname == "catcher3" / {
    try_alts++;
    return 55;
}
