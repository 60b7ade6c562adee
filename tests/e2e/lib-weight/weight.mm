// weight.mm -- e2e case lib-weight: a user library called at every
// function entry; its results summed in a report variable.  Expected
// values: NOTES.
use mylib;
use whamm_core;

report var total: u32;

wasm:func:entry {
    mylib.seen(fid as i32);
    total = total + (mylib.weight(fid as i32) as u32);
}

wasm:end {
    whamm_core.puti32(mylib.summary());
    whamm_core.putc(10);
}
