;; app.wat -- e2e case report-csv-quoting: $take(ptr, len) is called with
;; four strings of memory 0 (the script keeps them in report variables),
;; then the app prints "app done".
;; Function indices: fd_write 0, take 1, start 2.
;; Data (memory 0): 16 "app done\n" (9), 32 "a,b" (3), 40 `say "hi"` (8),
;; 48 "cr" CR "lf" LF (6), 56 "plain" (5).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "app done\0a")
  (data (i32.const 32) "a,b")
  (data (i32.const 40) "say \"hi\"")
  (data (i32.const 48) "cr\0dlf\0a")
  (data (i32.const 56) "plain")
  (func $take (param $p i32) (param $n i32)
    (drop (local.get $p)))
  (func $start (export "_start")
    (call $take (i32.const 56) (i32.const 5))
    (call $take (i32.const 32) (i32.const 3))
    (call $take (i32.const 40) (i32.const 8))
    (call $take (i32.const 48) (i32.const 6))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
