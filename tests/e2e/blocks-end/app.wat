;; app.wat -- blocks (and blocks-end): two small functions for the
;; basic-block events.  $sumdown(3) = 3 + 2 + 1 = 6 in a do-while loop;
;; _start checks the result in an `if` and prints "ok\n" inside it.
;; Instruction indices (opidx) are in the comments; function indices:
;; fd_write 0, sumdown 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  (func $sumdown (param $n i32) (result i32) (local $acc i32)
    loop              ;; 0
      local.get $acc  ;; 1
      local.get $n    ;; 2
      i32.add         ;; 3
      local.set $acc  ;; 4
      local.get $n    ;; 5
      i32.const 1     ;; 6
      i32.sub         ;; 7
      local.tee $n    ;; 8
      br_if 0         ;; 9
    end               ;; 10
    local.get $acc    ;; 11
  )                   ;; 12 (final end)
  (func $start (export "_start")
    i32.const 3       ;; 0
    call $sumdown     ;; 1
    i32.const 6       ;; 2
    i32.eq            ;; 3
    if                ;; 4
      i32.const 0     ;; 5
      i32.const 16    ;; 6
      i32.store       ;; 7
      i32.const 4     ;; 8
      i32.const 3     ;; 9
      i32.store       ;; 10
      i32.const 1     ;; 11
      i32.const 0     ;; 12
      i32.const 1     ;; 13
      i32.const 8     ;; 14
      call $fd_write  ;; 15
      drop            ;; 16
    end               ;; 17
  ))                  ;; 18 (final end)
