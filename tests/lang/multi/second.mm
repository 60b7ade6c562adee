// A second script: its own globals (--script repeated).
var x: bool;
wasm:func:exit { x = 1; }
