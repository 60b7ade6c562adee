;; app.wat -- branches-wat: three br_if sites in named functions.
;; $countdown(4) loops 4 times (br_if back 3 times taken, once not);
;; $is_big(3), $is_big(12), $is_big(5) branch out (x < 10) for 3 and 5; _start
;; checks the total (4 + 0 + 1 + 0 = 5) with a br_if over `unreachable`
;; and prints "ok\n".  Function indices: fd_write 0 (import), countdown 1,
;; is_big 2, _start 3.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ok\n")
  ;; k = number of iterations of a do-while that counts n down to 0
  (func $countdown (param $n i32) (result i32) (local $k i32)
    loop
      local.get $k
      i32.const 1
      i32.add
      local.set $k
      local.get $n
      i32.const 1
      i32.sub
      local.tee $n
      br_if 0
    end
    local.get $k)
  ;; 1 if x >= 10, else 0
  (func $is_big (param $x i32) (result i32)
    block
      local.get $x
      i32.const 10
      i32.lt_s
      br_if 0
      i32.const 1
      return
    end
    i32.const 0)
  (func $start (export "_start")
    block
      i32.const 4
      call $countdown
      i32.const 3
      call $is_big
      i32.add
      i32.const 12
      call $is_big
      i32.add
      i32.const 5
      call $is_big
      i32.add
      i32.const 5
      i32.eq
      br_if 0
      unreachable
    end
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
