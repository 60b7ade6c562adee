// malloc.mm -- e2e case top-malloc: a map with 1000 keys known only at run
// time (whamm's heap grows in memory 0 while the app's malloc does too).
// Expected values: NOTES.
report var takes: map<u32, u32>;

wasm:opcode:call(arg0: i32):before / target_fn_name == "take" / {
    takes[arg0 as u32]++;
}
