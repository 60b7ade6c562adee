use x;
wasm:end { x.g(); }
