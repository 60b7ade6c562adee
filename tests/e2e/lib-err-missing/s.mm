use gone;
wasm:end { gone.f(); }
