;; app.wat -- e2e case fib-wat: a copy of tests/edit/fib.wat, which prints 55.
;; _start reaches fib through call_indirect (an element segment), fib
;; recurses with direct calls, print writes through fd_write.
;;
;; Hand-derived counts used by the tests:
;;  * calls of fib for fib(10): C(n) = 1 + C(n-1) + C(n-2), C(0)=C(1)=1
;;    -> C(10) = 177, of which 89 take the base case (n < 2) and 88 recurse.
;;  * instructions reached per fib call with a counter in front of every
;;    instruction: base case 7 (local.get i32.const i32.lt_u if local.get
;;    else <final end>); recursive case 15 (4 up to `if`, 9 in the else arm,
;;    the if's end and the final end) -> 89*7 + 88*15 = 1943.
;;  * function entries with a tick at every entry: _start 1 + fib 177 +
;;    print 1 = 179.
(module
  (type $t_fib (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table 1 funcref)
  (elem (i32.const 0) $fib)
  (global $base (mut i32) (i32.const 100))
  (data (i32.const 100) "55\n")
  (func $fib (type $t_fib)
    local.get 0
    i32.const 2
    i32.lt_u
    if (result i32)
      local.get 0
    else
      local.get 0
      i32.const 1
      i32.sub
      call $fib
      local.get 0
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end)
  ;; writes the 3 bytes at $base if fib(10) was 55, else "??\n"
  (func $print (param $v i32)
    (i32.store (i32.const 0) (global.get $base))
    (i32.store (i32.const 4) (i32.const 3))
    (if (i32.ne (local.get $v) (i32.const 55))
      (then (i32.store (i32.const 100) (i32.const 0x0a3f3f))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $start (export "_start")
    (call $print (call_indirect (type $t_fib) (i32.const 10) (i32.const 0)))))
