;; app.wat -- wei case wizeng: the app of case call-count (calls at pcs 1, 4, 6, 9, 11).
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
