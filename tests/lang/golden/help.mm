// RUN: check --help
wasm:func:entry {}
// ---- expected (exit 0) ----
// stdout:
// usage: whamm check SCRIPT... [--defs-path DIR] [--user-libs SPEC]
//                    [--werror] [-d P|T|F]
// 
// Parse and type-check whamm scripts without an app.
// 
//   --defs-path DIR  provider definitions to use (default: WHAMM_HOME,
//                    then the installed ones, then the source tree)
//   --user-libs SPEC libraries the scripts `use`: NAME=lib.wasm or
//                    NAME(import_module)=lib.wasm, comma-separated
//                    or repeated; calls are checked against their
//                    exported functions
//   --werror         warnings are errors (exit 1)
//   -d P|T|F         dump each script after parse (P), type check
//                    (T, types in comments) or constant folding (F)
//   -h, --help       this text
// 
// Exit status: 0 no errors (warnings may be printed), 1 errors,
// 2 usage.
// stderr:
