;; app.wat -- persite case loop-many: f(9) runs a loop that calls nothing
;; with 40 blocks in it, block k skipping its add when i % (k % 7 + 1) = 0:
;; more per-site counters than whamm keeps in locals for one loop (32),
;; the rest stay in memory (generated; see NOTES).
(module
  (memory (export "memory") 1)
  (func $f (param $n i32) (result i32) (local $i i32) (local $acc i32)
    loop $l
        block
          local.get $i
          i32.const 1
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 0
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 2
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 1
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 3
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 2
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 4
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 3
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 5
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 4
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 6
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 5
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 7
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 6
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 1
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 7
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 2
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 8
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 3
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 9
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 4
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 10
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 5
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 11
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 6
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 12
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 7
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 13
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 1
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 14
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 2
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 15
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 3
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 16
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 4
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 17
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 5
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 18
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 6
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 19
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 7
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 20
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 1
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 21
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 2
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 22
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 3
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 23
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 4
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 24
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 5
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 25
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 6
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 26
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 7
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 27
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 1
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 28
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 2
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 29
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 3
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 30
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 4
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 31
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 5
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 32
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 6
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 33
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 7
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 34
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 1
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 35
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 2
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 36
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 3
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 37
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 4
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 38
          i32.add
          local.set $acc
        end
        block
          local.get $i
          i32.const 5
          i32.rem_u
          i32.eqz
          br_if 0
          local.get $acc
          i32.const 39
          i32.add
          local.set $acc
        end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l
    end
    local.get $acc)
  (func $start (export "_start")
    i32.const 9
    call $f
    drop))
