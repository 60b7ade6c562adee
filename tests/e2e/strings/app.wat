;; app.wat -- e2e case strings: prints four strings of its memory through
;; $print(ptr, len).  The last one is an 8-dot buffer the script writes into
;; before it is printed.  Data (memory 0): 16 "hello\n", 32 "world\n",
;; 48 "hello world\n", 64 "........\n" (ends at 73).
;; Function indices: fd_write 0, print 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello\n")
  (data (i32.const 32) "world\n")
  (data (i32.const 48) "hello world\n")
  (data (i32.const 64) "........\n")
  (func $print (param $p i32) (param $n i32)
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $start (export "_start")
    (call $print (i32.const 16) (i32.const 6))
    (call $print (i32.const 32) (i32.const 6))
    (call $print (i32.const 48) (i32.const 12))
    (call $print (i32.const 64) (i32.const 9))))
