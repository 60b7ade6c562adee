;; app.wat -- e2e case lib-outgrow: an app that does nothing.
(module
  (func $_start (export "_start"))
  (memory (export "memory") 1))
