;; app.wat -- the one module of the combination test (run-combo.sh): every
;; opcode the test probes occurs here in reachable code, and the program
;; prints one two-digit line per result, so a change of behaviour shows in
;; its output.  Blocks take and leave nothing, and every instruction that
;; never falls through (br, br_table, return, return_call, unreachable) sits
;; where code that falls through in its place still type-checks: an alt
;; body that leaves the values the instruction takes (`return arg0;`), or
;; nothing when it takes none, keeps the module valid.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (type $bin (func (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (table 2 funcref)
  (elem (i32.const 0) $add $sub)
  ;; prints v mod 100 as two digits and a newline (no branches)
  (func $print (param $v i32)
    (i32.store8 (i32.const 16)
      (i32.add (i32.rem_u (i32.div_u (local.get $v) (i32.const 10))
                          (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 17)
      (i32.add (i32.rem_u (local.get $v) (i32.const 10)) (i32.const 48)))
    (i32.store8 (i32.const 18) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 8))))
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $add1 (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  ;; sum of 1..n: a loop left by br_if, continued by br
  (func $loopsum (param $n i32) (result i32) (local $s i32)
    block
      loop
        (br_if 1 (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        br 0
      end
    end
    local.get $s)
  ;; 10 + x for x in 0..1, 30 otherwise (br_table out of nested blocks)
  (func $classify (param $x i32) (result i32) (local $r i32)
    block
      block
        block
          (br_table 0 1 2 (local.get $x))
        end
        (local.set $r (i32.const 10))
        br 1
      end
      (local.set $r (i32.const 11))
      br 0
    end
    (if (i32.eqz (local.get $r)) (then (local.set $r (i32.const 30))))
    local.get $r)
  ;; if/else: 2x for odd x, x/2 for even
  (func $half (param $x i32) (result i32) (local $r i32)
    (i32.and (local.get $x) (i32.const 1))
    if
      (local.set $r (i32.mul (local.get $x) (i32.const 2)))
    else
      (local.set $r (i32.div_u (local.get $x) (i32.const 2)))
    end
    local.get $r)
  ;; memory, globals, local.tee, select
  (func $mem (param $x i32) (result i32) (local $t i32)
    (i32.store (i32.const 64) (local.tee $t (i32.add (local.get $x) (i32.const 3))))
    (global.set $g (i32.load (i32.const 64)))
    (select (global.get $g) (local.get $t) (i32.gt_u (local.get $x) (i32.const 4))))
  ;; return right before the function's end; a guarded unreachable
  (func $ret (param $x i32) (result i32)
    (if (i32.eq (local.get $x) (i32.const 99)) (then unreachable))
    (i32.add (local.get $x) (i32.const 5))
    return)
  (func $tail (param $x i32) (result i32)
    local.get $x
    return_call $add1)
  (func $main (export "_start")
    (call $print (call $loopsum (i32.const 4)))
    (call $print (call $classify (i32.const 0)))
    (call $print (call $classify (i32.const 1)))
    (call $print (call $classify (i32.const 7)))
    (call $print (call $half (i32.const 7)))
    (call $print (call $half (i32.const 8)))
    (call $print (call $mem (i32.const 2)))
    (call $print (call $mem (i32.const 9)))
    (call $print (call_indirect (type $bin) (i32.const 9) (i32.const 4)
                                (i32.const 0)))
    (call $print (call_indirect (type $bin) (i32.const 9) (i32.const 4)
                                (i32.const 1)))
    (call $print (call $ret (i32.const 3)))
    (call $print (call $tail (i32.const 41)))))
