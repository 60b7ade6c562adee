use x;
wasm:end { x.two(); }
