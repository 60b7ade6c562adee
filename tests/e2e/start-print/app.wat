;; app.wat -- e2e case start-print: the start section runs $main (also
;; exported as main), which calls $work twice; then the host calls _start,
;; which calls $work once more.  Function indices: work 0, main 1, start 2.
(module
  (memory (export "memory") 1)
  (func $work)
  (func $main (export "main")
    (call $work)
    (call $work))
  (start $main)
  (func $start (export "_start")
    (call $work)))
