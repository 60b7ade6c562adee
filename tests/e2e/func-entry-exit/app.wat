;; app.wat -- func-entry-exit: a recursive function with two early returns
;; and a fall-through exit, a function that leaves through a br_if to its
;; own label, and a print helper.  Prints walk(5) + sign(7) + sign(-2) =
;; 7 + 1 + 0 = 8 as "8\n".  Function indices: fd_write 0, walk 1, sign 2,
;; print 3, start 4.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "?\n")
  ;; walk(0) = 0; odd n: walk(n-1) + 1; even n: walk(n-1) + 2
  (func $walk (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if
      i32.const 0
      return
    end
    local.get $n
    i32.const 1
    i32.and
    if
      local.get $n
      i32.const 1
      i32.sub
      call $walk
      i32.const 1
      i32.add
      return
    end
    local.get $n
    i32.const 1
    i32.sub
    call $walk
    i32.const 2
    i32.add)
  ;; 1 if x > 0 (through br_if to the function's label), else 0
  (func $sign (param $x i32) (result i32)
    i32.const 1
    local.get $x
    i32.const 0
    i32.gt_s
    br_if 0
    drop
    i32.const 0)
  ;; prints the digit d and a newline
  (func $print (param $d i32) (local $tmp i32)
    (local.set $tmp (i32.add (local.get $d) (i32.const 48)))
    (i32.store8 (i32.const 16) (local.get $tmp))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 2))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $start (export "_start")
    (call $print
      (i32.add (call $walk (i32.const 5))
        (i32.add (call $sign (i32.const 7)) (call $sign (i32.const -2)))))))
