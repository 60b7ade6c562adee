;; app.wat -- wei case call-count: five calls in _start, at pcs 1, 4, 6, 9
;; and 11 (a call is 2 bytes, a nop 1; the code starts at offset 1, after
;; the locals).
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
