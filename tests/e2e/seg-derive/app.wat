;; seg-derive: ifs whose then arm leaves (the count after their end is
;; the count before the if minus the arm's) next to ifs where that does
;; not hold; the last call exits from inside an arm.  Counts in NOTES.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)

  (func $classify (param $x i32) (result i32)
    block $out (result i32)
      nop                     ;; A
      local.get $x
      i32.eqz
      if
        nop                   ;; B
        i32.const 10
        br $out
      end
      nop                     ;; C
      local.get $x
      i32.const 1
      i32.eq
      if
        nop                   ;; D
        i32.const 20
        br $out
      end
      nop                     ;; E
      local.get $x
      i32.const 2
      i32.eq
      if
        nop                   ;; F
        i32.const 3
        call $exit
        unreachable
      end
      nop                     ;; G
      local.get $x
      i32.const 3
      i32.eq
      if
        nop                   ;; H (the arm falls through)
      end
      nop                     ;; I
      local.get $x
      i32.const 4
      i32.eq
      if
        nop                   ;; J
        i32.const 40
        br $out
      else
        nop                   ;; K
      end
      nop                     ;; L
      local.get $x
      i32.const 5
      i32.eq
      if
        nop                   ;; M
        br 0                  ;; to the if's own end
      end
      nop                     ;; N
      i32.const 99
    end)

  (func (export "_start")
    i32.const 1
    i32.const 0
    call $classify
    i32.const 1
    call $classify
    i32.add
    i32.const 3
    call $classify
    i32.add
    i32.const 4
    call $classify
    i32.add
    i32.const 5
    call $classify
    i32.add
    i32.const 7
    call $classify
    i32.add
    ;; 10 + 20 + 99 + 40 + 99 + 99 = 367: a wrong sum divides by zero
    i32.const 367
    i32.eq
    i32.div_u
    drop
    i32.const 2
    call $classify
    drop))
