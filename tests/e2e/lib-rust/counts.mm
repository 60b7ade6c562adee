// counts.mm -- e2e case lib-rust: a Rust library counts function entries
// and prints them at the end.  Expected values: NOTES.
use whamm_core;
use counts;

wasm:func:entry { counts.hit(fid as i32); }

wasm:end {
    whamm_core.puti32(counts.summary());
    whamm_core.putc(10);
}
