// strings.mm -- e2e case strings: the built-in functions (docs/instr.md)
// and string operations on strings only known at run time.  At a
// call of print(ptr, len), arg0 is len (the top of the stack) and arg1 is
// ptr.  Expected values are derived in NOTES.
use whamm_core;

report var page: u32 = page_size(0);
report var data_start: u32 = active_data_start(0);
report var data_len: u32 = active_data_len(0);
report var wmem: u32 = memid(whamm_core);
report var pages: u32;
report var eq_hello: u32;
report var ne_count: u32;
report var starts_hello: u32;
report var ends_world: u32;
report var has_o_w: u32;
report var total_len: u32;
report var pair_eq: u32;
report var pair_has: u32;

// before the last print: "........\n" becomes "hi.world\n"
wasm:opcode:call(arg0: i32, arg1: i32):before /
    target_fn_name == "print" && arg0 == 9
/ {
    memcpy(0, 54, 0, (arg1 + 3) as u32, 5);
    write_str(0, arg1, "hi");
}

wasm:opcode:call(arg0: i32, arg1: i32):before / target_fn_name == "print" / {
    var s: str = read_str(0, arg1, arg0 as u32);
    pages = mem_size(0);
    if (s == "hello\n") {
        eq_hello++;
    }
    if (s != "hello\n") {
        ne_count++;
    }
    if (s.starts_with("hello")) {
        starts_hello++;
    }
    if (s.ends_with("world\n")) {
        ends_world++;
    }
    if (s.contains("o w")) {
        has_o_w++;
    }
    total_len = total_len + s.len();
    if (strcmp((s.addr() as i32, s.len() as i32), "world\n")) {
        pair_eq++;
    }
    if (strcontains((s.addr() as i32, s.len() as i32),
                    "ll")) {
        pair_has++;
    }
}
