;; app.wat -- tests/report case dest: $tick runs three times, then the app
;; prints "app done" and (in the variants run.sh makes by replacing the
;; line `;; CLOSE`) closes its stdout, or stdout and stderr, with WASI
;; fd_close before it returns -- and so before the report.  It exports an
;; arena (128 KiB at 65536, pages 1-2 of memory 0) so that it runs with
;; --memory=app as well as with --memory=separate.
;; Function indices: fd_write 0, fd_close 1, tick 2, start 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close"
    (func $fd_close (param i32) (result i32)))
  (memory (export "memory") 3)
  (global (export "__whamm_arena") i32 (i32.const 65536))
  (data (i32.const 16) "app done\0a")
  (func $tick (param $n i32)
    (drop (local.get $n)))
  (func $start (export "_start")
    (call $tick (i32.const 1))
    (call $tick (i32.const 2))
    (call $tick (i32.const 3))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 9))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))
    ;; CLOSE
  ))
