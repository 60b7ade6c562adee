;; app.wat -- alt-uncond: instructions that never fall through (br,
;; br_table, return, unreachable), each where code falling through in its
;; place still type-checks.  Uninstrumented: skip() 1, pick(2) 30,
;; ret(4) 9; guard(1) traps, so _start ends there.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func $print (param $v i32)
    (i32.store8 (i32.const 16)
      (i32.add (i32.div_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 17)
      (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 18) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  ;; br 1 skips the add of 10
  (func $skip (result i32) (local $r i32)
    (local.set $r (i32.const 1))
    block
      block
        br 1
      end
      (local.set $r (i32.add (local.get $r) (i32.const 10)))
    end
    local.get $r)
  ;; br_table: 10 for 0, 20 for 1, 30 otherwise
  (func $pick (param $x i32) (result i32)
    block (result i32)
      i32.const 30
      local.get $x
      br_table 0 0 0
    end)
  ;; return of x + 5 at the end of the function
  (func $ret (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.const 5))
    return)
  ;; traps when x is 1, else 8
  (func $guard (param $x i32) (result i32)
    (if (local.get $x) (then unreachable))
    i32.const 8)
  (func (export "_start")
    (call $print (call $skip))
    (call $print (call $pick (i32.const 2)))
    (call $print (call $ret (i32.const 4)))
    (call $print (call $guard (i32.const 1)))))
