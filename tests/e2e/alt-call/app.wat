;; app.wat -- alt-call: _start calls slow(1), slow(2), fast(3); slow prints
;; "slow D\n", fast prints "fast D\n" (D the argument).  Uninstrumented it
;; prints slow 1, slow 2, fast 3.  Function indices: fd_write 0, say 1,
;; slow 2, fast 3, start 4.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 32) "slow ?\n")
  (data (i32.const 48) "fast ?\n")
  ;; writes the 7-byte line at p with its '?' replaced by the digit d
  (func $say (param $p i32) (param $d i32)
    (i32.store8 (i32.add (local.get $p) (i32.const 5))
                (i32.add (local.get $d) (i32.const 48)))
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (i32.const 7))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $slow (param $d i32)
    (call $say (i32.const 32) (local.get $d)))
  (func $fast (param $d i32)
    (call $say (i32.const 48) (local.get $d)))
  (func $start (export "_start")
    (call $slow (i32.const 1))
    (call $slow (i32.const 2))
    (call $fast (i32.const 3))))
