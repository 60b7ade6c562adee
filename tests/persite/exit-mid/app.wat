;; app.wat -- persite case exit-mid: the program exits through WASI
;; proc_exit in the middle of a straight line, once directly and once
;; (not reached) through a function that calls it.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func $quit (param $code i32)
    local.get $code
    call $proc_exit)
  (func $start (export "_start")
    i32.const 1
    i32.const 2
    i32.add
    call $quit     ;; exits with 3
    i32.const 5
    call $proc_exit
    nop))
