;; app.wat -- e2e case init-receiver: $f is called 3 times from _start,
;; at one call site.  Function indices: f 0, start 1.
(module
  (memory (export "memory") 1)
  (func $f)
  (func $start (export "_start")
    (call $f)
    (call $f)
    (call $f)))
