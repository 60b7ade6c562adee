// RUN: check --bogus
wasm:func:entry {}
// ---- expected (exit 2) ----
// stdout:
// stderr:
// whamm check: unknown or incomplete option '--bogus'
