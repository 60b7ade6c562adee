;; app.wat -- e2e case error-top-imported: memory 0 is imported, so
;; --memory=top cannot put whamm's state at its top.
(module
  (import "env" "memory" (memory 1))
  (export "memory" (memory 0))
  (func $f)
  (func $start (export "_start")
    (call $f)
    (call $f)
    (call $f)))
