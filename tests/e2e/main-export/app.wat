;; app.wat -- main-export: exports `main` and `_start`; _start calls main
;; (which prints "in main\n") and afterwards prints memory 0..255 (four
;; 64-byte lines from a data segment) and the last 64 bytes of the page.
;; whamm reports when the exported `main` returns, so its report comes
;; between the two, and the bytes printed afterwards show that the
;; report's output left the app's memory as it was.
;; Function indices: fd_write 0, main 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0)
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\n"
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\n"
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\n"
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\n")
  (data (i32.const 60016) "in main\n")
  (data (i32.const 65472)
    "9876543210abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_\n")
  ;; writes len bytes at p (iovec at 60000, nwritten at 60008)
  (func $write (param $p i32) (param $len i32)
    (i32.store (i32.const 60000) (local.get $p))
    (i32.store (i32.const 60004) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 60000) (i32.const 1)
                          (i32.const 60008))))
  (func $main (export "main")
    (call $write (i32.const 60016) (i32.const 8)))
  (func $start (export "_start")
    (call $main)
    (call $write (i32.const 0) (i32.const 256))
    (call $write (i32.const 65472) (i32.const 64))))
