;; app.wat -- e2e case begin-print: _start calls $f twice.  No start
;; section.  Function indices: f 0, start 1.
(module
  (memory (export "memory") 1)
  (func $f)
  (func $start (export "_start")
    (call $f)
    (call $f)))
