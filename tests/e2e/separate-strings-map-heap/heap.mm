// heap.mm -- e2e case separate-strings-map-heap: read_str results kept past the
// probe (the global `last`) and a map with keys only known at run time
// both take memory as the program runs; each must keep its own.
// Expected values are derived in NOTES.
report var sizes: map<u32, u32>;
report var kept_intact: u32;
var last: str;

wasm:opcode:call(arg0: i32, arg1: i32, arg2: i32):before / target_fn_name == "use" / {
    if (last.len() == 20000 && last == read_str(0, arg1, arg0 as u32)) {
        kept_intact++;
    }
    last = read_str(0, arg1, arg0 as u32);
    sizes[arg2 as u32] = last.len();
}
