use whamm_core;
use x;
wasm:end { whamm_core.puti32(x.f()); }
