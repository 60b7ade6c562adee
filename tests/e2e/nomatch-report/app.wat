;; app.wat -- nomatch (and nomatch-folded): a WASI command with a memory,
;; a call and a loop, but no memory.grow; prints "hi\n" three times.
;; Function indices: fd_write 0, say 1, start 2.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hi\n")
  (func $say
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $start (export "_start") (local $i i32)
    loop
      call $say
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 3
      i32.lt_u
      br_if 0
    end))
