;; app.wat -- cast-bool: a program that does nothing; the script works in
;; wasm:end.
(module
  (func $start (export "_start")))
