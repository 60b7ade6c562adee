;; imported.wat -- tests/host case imported: memory 0 is imported from
;; env.memory (the host makes it, 1 page), so whamm cannot resize it: its
;; state gets a memory of its own (with a warning).  _start calls $f 3 times.
(module
  (import "env" "memory" (memory 1))
  (export "memory" (memory 0))
  (func $f)
  (func $start (export "_start")
    (call $f)
    (call $f)
    (call $f)))
