;; app.wat -- e2e case report-json: $take(ptr, len) is called with five
;; byte strings of memory 0 (the script keeps them in report variables),
;; then the app prints "app done".
;; Function indices: fd_write 0, take 1, start 2.
;; Data (memory 0): 16 "app done\n" (9); the strings, at 32 + 8k:
;;   32 `q"b\` (4: q, quote, b, backslash)
;;   40 "t" TAB "1" 01 (4: a tab and the control byte 01)
;;   48 C3 A9 E2 82 AC (5: "é€", valid UTF-8, 2 + 3 bytes)
;;   56 FF 41 ED A0 80 (5: FF is no UTF-8 byte; ED A0 80 would be the
;;      surrogate U+D800, not valid UTF-8 either)
;;   64 "ok" (2)
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "app done\0a")
  (data (i32.const 32) "q\"b\\")
  (data (i32.const 40) "t\091\01")
  (data (i32.const 48) "\c3\a9\e2\82\ac")
  (data (i32.const 56) "\ffA\ed\a0\80")
  (data (i32.const 64) "ok")
  (func $take (param $p i32) (param $n i32)
    (drop (local.get $p)))
  (func $start (export "_start")
    (call $take (i32.const 32) (i32.const 4))
    (call $take (i32.const 40) (i32.const 4))
    (call $take (i32.const 48) (i32.const 5))
    (call $take (i32.const 56) (i32.const 5))
    (call $take (i32.const 64) (i32.const 2))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
