// hist.mm -- samples/library: entries of square() and cube() counted by
// the library `hist` (hist.c), which prints its histogram at the end.
use hist;

wasm:func:entry / fname == "square" / { hist.add(0); }
wasm:func:entry / fname == "cube" / { hist.add(1); }
wasm:end { hist.print(); }
