;; seg-joins-alt: nops around a block and a loop that alts replace or
;; leave; counts derived in NOTES.
(module
  (memory (export "memory") 1)
  (func $del
    nop                 ;; A
    block
      nop               ;; B (the block alt deletes it)
    end
    nop)                ;; C
  (func $grd (param $x i32)
    nop                 ;; D
    local.get $x
    block (param i32) (result i32)
      nop               ;; E
    end
    drop
    nop)                ;; F
  (func $lp (param $x i32)
    nop                 ;; G
    local.get $x
    loop (param i32)
      nop               ;; H
      drop
    end
    nop)                ;; I
  (func (export "_start")
    call $del
    i32.const 0
    call $grd
    i32.const 1
    call $grd
    i32.const 0
    call $lp
    i32.const 1
    call $lp))
