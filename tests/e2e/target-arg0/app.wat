;; app.wat -- target-arg0 (the app of at-target): branches to each kind of target.  countdown(4)
;; branches back to its loop 3 times; is_big(3/12/5) leaves its block for
;; 3 and 5; sign(7) leaves the function through a br_if to the function's
;; own label; pick(0) leaves its block through br_if, pick(5) leaves the
;; function through `br 1`.  _start prints the sum 4 + 1 + 1 + 16 = 22.
;; Function indices: fd_write 0, countdown 1, is_big 2, sign 3, pick 4,
;; start 5.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "??\n")
  (func $countdown (param $n i32) (result i32) (local $k i32)
    loop
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      br_if 0
    end
    local.get $k)
  ;; 1 if x >= 10, else 0
  (func $is_big (param $x i32) (result i32)
    block
      (i32.lt_s (local.get $x) (i32.const 10))
      br_if 0
      i32.const 1
      return
    end
    i32.const 0)
  ;; 1 if x > 0 (br_if to the function's label), else 0
  (func $sign (param $x i32) (result i32)
    i32.const 1
    (i32.gt_s (local.get $x) (i32.const 0))
    br_if 0
    drop
    i32.const 0)
  ;; 9 if x == 0 (br_if out of the block), else 7 (br 1: out of the function)
  (func $pick (param $x i32) (result i32)
    block
      (i32.eqz (local.get $x))
      br_if 0
      i32.const 7
      br 1
    end
    i32.const 9)
  (func $start (export "_start") (local $v i32)
    (local.set $v (call $countdown (i32.const 4)))
    (local.set $v (i32.add (local.get $v) (call $is_big (i32.const 3))))
    (local.set $v (i32.add (local.get $v) (call $is_big (i32.const 12))))
    (local.set $v (i32.add (local.get $v) (call $is_big (i32.const 5))))
    (local.set $v (i32.add (local.get $v) (call $sign (i32.const 7))))
    (local.set $v (i32.add (local.get $v) (call $sign (i32.const -2))))
    (local.set $v (i32.add (local.get $v) (call $pick (i32.const 0))))
    (local.set $v (i32.add (local.get $v) (call $pick (i32.const 5))))
    (i32.store8 (i32.const 16)
      (i32.add (i32.div_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 17)
      (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8)))))
