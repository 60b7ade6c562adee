// grow.mm -- e2e case lib-outgrow: the library's memory.size and
// memory.grow inside its region, and past it.  Expected values: NOTES.
use whamm_core;
use small;

wasm:end {
    whamm_core.puti32(small.pages());
    whamm_core.putc(10);
    whamm_core.puti32(small.grow(1));
    whamm_core.putc(10);
    whamm_core.puti32(small.pages());
    whamm_core.putc(10);
    whamm_core.puti32(small.grow(1));
    whamm_core.putc(10);
    whamm_core.puti32(small.big());
    whamm_core.putc(10);
}
