;; mylib.wat -- a user library for the language tests (`use mylib;`,
;; --user-libs mylib=libs/mylib.wasm).  mylib.wasm is this file assembled
;; with wat2wasm; the CTest lang.libs-in-sync checks they agree.
(module
  (memory (export "memory") 1)
  (func (export "setup"))
  (func (export "compute") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "log") (param i32)))
