use x;
wasm:end { x.f(); }
