;; app.wat -- e2e case init-earlier: $f is called 3 times from _start, at
;; three call sites (pc 1, 3, 5).  Function indices: f 0, start 1.
(module
  (memory (export "memory") 1)
  (func $f)
  (func $start (export "_start")
    (call $f)
    (call $f)
    (call $f)))
