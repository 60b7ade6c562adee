// adler.mm -- the calls of zs_adler32 alone (minizs: one per word, 3).
wasm:func:entry / fname == "zs_adler32" / {
    report var adler_calls: u32;
    adler_calls++;
}
