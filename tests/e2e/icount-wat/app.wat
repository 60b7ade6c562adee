;; app.wat -- icount-wat: a WASI command that sums 1..3 in a loop, picks
;; 10 and 20 through an if/else, checks 6+10+20 == 36 and prints "hi\n".
;; The executed-instruction count is derived in NOTES.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hi\n")
  ;; 1 + 2 + ... + n, with a block/loop, br_if out, br back
  (func $sum (param $n i32) (result i32) (local $i i32) (local $acc i32)
    block
      loop
        local.get $i
        local.get $n
        i32.ge_u
        br_if 1
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        local.get $acc
        i32.add
        local.set $acc
        br 0
      end
    end
    local.get $acc)
  ;; c != 0 ? 10 : 20
  (func $pick (param $c i32) (result i32)
    local.get $c
    if (result i32)
      i32.const 10
    else
      i32.const 20
    end)
  (func $start (export "_start")
    i32.const 3
    call $sum
    i32.const 1
    call $pick
    i32.add
    i32.const 0
    call $pick
    i32.add
    i32.const 36
    i32.ne
    if
      unreachable
    end
    ;; iovec {base 16, len 3} at 0; nwritten at 8
    i32.const 0
    i32.const 16
    i32.store
    i32.const 4
    i32.const 3
    i32.store
    i32.const 1
    i32.const 0
    i32.const 1
    i32.const 8
    call $fd_write
    drop))
