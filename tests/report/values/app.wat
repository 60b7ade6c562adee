;; app.wat -- tests/report case values: $take(ptr, len) is called with six
;; byte strings of memory 0, in address order; the script keeps them in
;; report variables, then the app prints "app done".
;; Function indices: fd_write 0, take 1, start 2.
;; Data (memory 0): 16 "app done\n" (9); 32 "a,b" (3); 40 `say "hi"` (8);
;; 48 "cr" CR "lf" LF (6); 56 " lead" (5, a space first); 64 C3 A9 E2 82 AC
;; (5: "é€" in UTF-8); 72 FF 01 (2: no UTF-8, a control byte).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "app done\0a")
  (data (i32.const 32) "a,b")
  (data (i32.const 40) "say \"hi\"")
  (data (i32.const 48) "cr\0dlf\0a")
  (data (i32.const 56) " lead")
  (data (i32.const 64) "\c3\a9\e2\82\ac")
  (data (i32.const 72) "\ff\01")
  (func $take (param $p i32) (param $n i32)
    (drop (local.get $p)))
  (func $start (export "_start")
    (call $take (i32.const 32) (i32.const 3))
    (call $take (i32.const 40) (i32.const 8))
    (call $take (i32.const 48) (i32.const 6))
    (call $take (i32.const 56) (i32.const 5))
    (call $take (i32.const 64) (i32.const 5))
    (call $take (i32.const 72) (i32.const 2))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
