;; app.wat -- e2e case error-wasi-type: the app imports WASI fd_write with
;; a result of f64 (WASI's is i32).  Valid Wasm; the host would refuse it.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result f64)))
  (func $_start (export "_start")
    nop)
  (memory (export "memory") 1))
