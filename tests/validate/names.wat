;; names.wat -- the app of names.sh: named functions, a local and a global,
;; assembled with --debug-names.  proc_exit is imported so that whamm adds
;; its imports (fd_write, ...) after it: every defined function moves.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (func $helper (param $x i32) (result i32)
    local.get $x
    i32.const 1
    i32.add)
  (func $main (export "_start")
    (local $t i32)
    i32.const 41
    call $helper
    local.set $t
    local.get $t
    global.set $g))
