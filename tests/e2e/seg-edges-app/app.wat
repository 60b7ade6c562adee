;; seg-edges-app: seg-edges (the same code, the same counts) with whamm's
;; state in an arena of the app's memory 0: the second page, announced
;; through the exported global __whamm_arena.  The counts after the ends
;; of blocks br_tables go to are worked out from the edge counts there.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 2)
  (global (export "__whamm_arena") i32 (i32.const 65536))

  (func $twice (param $v i32) (result i32)
    local.get $v
    i32.const 2
    i32.mul)

  (func $step (param $x i32) (result i32)
    (local $r i32)
    block $out
      loop $again
        nop                         ;; A
        block $d
          block $c
            block $b
              block $a
                local.get $x
                br_table $a $b $a $c $d $a  ;; 0 a, 1 b, 2 a, 3 c, 4 d, else a
              end
              nop                   ;; B
              local.get $x
              i32.const 2
              i32.eq
              if
                nop                 ;; C
                i32.const 3
                local.set $x
                br $again
              end
              nop                   ;; D
              local.get $x
              i32.const 5
              i32.ge_u
              br_table $b $c        ;; x < 5: b, else c
            end
            nop                     ;; E
            local.get $x
            i32.const 9
            i32.eq
            br_if $d                ;; a branch to $d that is no br_table's
            nop                     ;; F
          end
          nop                       ;; G
          local.get $x
          i32.const 3
          i32.eq
          if
            nop                     ;; H
            local.get $x
            call $twice
            local.set $r
            nop                     ;; I
          end
          nop                       ;; J
          local.get $x
          i32.const 7
          i32.eq
          if
            nop                     ;; K
            i32.const 7
            call $exit
            nop                     ;; L
          end
          nop                       ;; M
        end
        nop                         ;; N
      end
    end
    local.get $r)

  (func (export "_start")
    i32.const 1
    i32.const 0
    call $step
    i32.const 1
    call $step
    i32.add
    i32.const 2
    call $step
    i32.add
    i32.const 3
    call $step
    i32.add
    i32.const 4
    call $step
    i32.add
    i32.const 5
    call $step
    i32.add
    i32.const 9
    call $step
    i32.add
    ;; $step(2) and $step(3) return 6 each, the others 0: a wrong sum
    ;; divides by zero
    i32.const 12
    i32.eq
    i32.div_u
    drop
    i32.const 7
    call $step
    drop))
