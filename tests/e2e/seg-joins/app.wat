;; seg-joins: nops at both sides of blocks, ends, loops and branches, so
;; that a count shared by sites that do not run equally often shows.
;; Counts are derived in NOTES.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)

  (func $f (param $x i32) (local $i i32)
    nop                 ;; A
    block
      nop               ;; B
      block
        nop             ;; C
      end
      nop               ;; D
      local.get $x
      br_if 0
      nop               ;; E
    end
    nop                 ;; F
    loop $l
      nop               ;; G
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $x
      i32.lt_u
      br_if $l
      nop               ;; H
    end
    nop                 ;; I
    block
      block
        local.get $x
        br_table 0 1 1
      end
      nop               ;; J
    end
    nop                 ;; K
    local.get $x
    if
      nop               ;; L
    end
    nop                 ;; M
    block
      br 0
      nop               ;; N
    end
    nop                 ;; O
    block
      nop               ;; P
      call $g
      nop               ;; Q
    end
    nop)                ;; R

  (func $g
    nop)                ;; S

  (func $quit
    nop                 ;; T
    block
      nop               ;; U
    end
    i32.const 0
    call $exit
    nop)                ;; V

  (func (export "_start")
    i32.const 0
    call $f
    i32.const 2
    call $f
    i32.const 5
    call $f
    call $quit))
