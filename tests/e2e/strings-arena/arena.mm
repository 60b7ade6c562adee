// arena.mm -- e2e case strings-arena: strings in whamm's arena inside the
// app's memory (--memory=app), so memid(whamm_core) is 0.  The global
// `longest` keeps a read_str result, so the heap is never emptied (it
// lives in the arena).  Expected values are derived in NOTES.
use whamm_core;

report var wmem: u32 = memid(whamm_core);
report var longest: str;
report var longest_len: u32;
report var seen: u32;

// before the last print: "........\n" becomes "arenahel\n"
wasm:opcode:call(arg0: i32, arg1: i32):before /
    target_fn_name == "print" && arg0 == 9
/ {
    write_str(0, arg1, "arena");
    memcpy(memid(whamm_core), longest.addr(), 0, (arg1 + 5) as u32, 3);
}

wasm:opcode:call(arg0: i32, arg1: i32):before / target_fn_name == "print" / {
    var s: str = read_str(0, arg1, arg0 as u32);
    if (s.len() > longest_len) {
        longest = s;
        longest_len = s.len();
    }
    if (s.contains("world")) {
        seen++;
    }
}
