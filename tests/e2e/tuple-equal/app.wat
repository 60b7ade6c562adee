;; app.wat -- e2e case tuple-equal: $start calls $f 3 times (3 call
;; sites).  Function indices: f 0, start 1.
(module
  (memory (export "memory") 1)
  (func $f)
  (func $start (export "_start")
    (call $f)
    (call $f)
    (call $f)))
