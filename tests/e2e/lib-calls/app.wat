;; app.wat -- e2e case lib-calls: five calls in _start, at byte offsets
;; (whamm's pc) 1, 4, 6, 9 and 11 (a call is 2 bytes, a nop 1; the body's
;; code starts at offset 1, after its locals).
(module
  (func $f)
  (func $_start (export "_start")
    call $f
    nop
    call $f
    call $f
    nop
    call $f
    call $f)
  (memory (export "memory") 1))
