;; app.wat -- wei case not-probe: the app of case call-count (five calls).
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
