// A second script: its own globals (design.md §4: --script repeated).
var x: bool;
wasm:func:exit { x = 1; }
