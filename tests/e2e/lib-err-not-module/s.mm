use bad;
wasm:end { bad.f(); }
