;; app.wat -- alt-blocks: one function per block kind, each adding to a
;; result so that which parts ran shows in the printed number.
;; Uninstrumented: blk 1+2 = 3, lp 3 (three rounds), cond(1) 10, cond(0) 20,
;; els(0) 5, els(1) 7; printed as two digits each.
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
  ;; 1 + (block leaving 2)
  (func $blk (result i32)
    i32.const 1
    block (result i32)
      i32.const 2
    end
    i32.add)
  ;; counts three rounds of a loop
  (func $lp (result i32) (local $k i32)
    loop
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get $k) (i32.const 3)))
    end
    local.get $k)
  ;; if without else: 10 when x, else 20
  (func $cond (param $x i32) (result i32) (local $r i32)
    (local.set $r (i32.const 20))
    local.get $x
    if
      (local.set $r (i32.const 10))
    end
    local.get $r)
  ;; if/else with a result: 7 when x, else 5
  (func $els (param $x i32) (result i32)
    local.get $x
    if (result i32)
      i32.const 7
    else
      i32.const 5
    end)
  (func (export "_start")
    (call $print (call $blk))
    (call $print (call $lp))
    (call $print (call $cond (i32.const 1)))
    (call $print (call $cond (i32.const 0)))
    (call $print (call $els (i32.const 0)))
    (call $print (call $els (i32.const 1)))))
