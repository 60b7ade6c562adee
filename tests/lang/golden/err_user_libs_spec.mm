// RUN: check --user-libs mylib --user-libs a(b=x.wasm --user-libs gone=../libs/gone.wasm --user-libs txt=../libs/mylib.wat {}
// Malformed --user-libs specs, a library file that is not
// there and one that is not Wasm are all reported, before any checking.
use mylib;
wasm:opcode:call:before {}
// ---- expected (exit 1) ----
// stdout:
// stderr:
// error: A user lib should be specified using the following format: <lib_name>=/path/to/lib.wasm (got: mylib) [E0005]
// error: user lib spec missing ')' in name part: a(b=x.wasm [E0005]
// error: user lib `gone`: cannot open '../libs/gone.wasm': No such file or directory [E0001]
// ../libs/mylib.wat:0x0: error: user lib `txt`: not a WebAssembly module: bad magic number [E0004]
