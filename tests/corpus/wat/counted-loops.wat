;; FLAGS:
;; counted-loops.wat -- the shapes of control flow that decide where a
;; counter on every instruction is added, summed in a local and moved to
;; its global (whamm_counts_test compares the two ways whamm does that):
;; loops that call nothing left by br_if, br, br_table, return and
;; unreachable; nested loops; a loop that calls out around one that does
;; not; straight-line code running on through the end of a loop and of a
;; block no branch goes to; a block a branch goes to; if/else; dead code
;; after br and return; a call of proc_exit.  _start runs them all.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)

  ;; left by br_if to the enclosing block
  (func $by_br_if (param $n i32) (result i32)
    (local $i i32)
    block
      loop
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        local.get $n
        i32.ge_s
        br_if 1
        br 0
      end
    end
    local.get $i)

  ;; left by br inside an if, and by the loop's own end
  (func $by_br (param $n i32) (result i32)
    (local $i i32)
    block
      loop
        local.get $i
        local.get $n
        i32.eq
        if
          br 2
        end
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        local.get $i
        i32.const 100
        i32.lt_s
        br_if 0
      end
      i32.const 7
      local.set $i
    end
    local.get $i)

  ;; left by br_table (to the loop, to the block)
  (func $by_br_table (param $n i32) (result i32)
    (local $i i32)
    block
      loop
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        local.get $n
        i32.sub
        br_table 0 0 1
      end
    end
    local.get $i)

  ;; left by return and by unreachable
  (func $by_return (param $n i32) (result i32)
    (local $i i32)
    loop
      local.get $i
      local.get $n
      i32.ge_s
      if
        local.get $i
        return
      end
      local.get $i
      i32.const -1
      i32.eq
      if
        unreachable
      end
      local.get $i
      i32.const 1
      i32.add
      local.set $i
      br 0
    end
    i32.const 0
    i32.const 1
    i32.add)

  ;; nested loops that call nothing, a block a branch goes to, if/else
  (func $nested (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $s i32)
    loop
      i32.const 0
      local.set $j
      block
        loop
          local.get $j
          local.get $n
          i32.ge_s
          br_if 1
          local.get $s
          local.get $j
          i32.const 1
          i32.and
          if (result i32)
            i32.const 3
          else
            i32.const 5
          end
          i32.add
          local.set $s
          local.get $j
          i32.const 1
          i32.add
          local.set $j
          br 0
        end
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_s
      br_if 0
    end
    local.get $s)

  ;; a loop that calls out, with one in it that does not
  (func $calls_out (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    loop
      local.get $s
      local.get $i
      call $by_br_if
      i32.add
      local.set $s
      block
        loop
          local.get $s
          i32.const 1
          i32.add
          local.tee $s
          i32.const 3
          i32.rem_u
          br_if 0
        end
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_s
      br_if 0
    end
    local.get $s)

  ;; straight-line code through ends no branch goes to; dead code
  (func $through (param $n i32) (result i32)
    block
      block
        local.get $n
        i32.const 2
        i32.mul
        local.set $n
      end
      local.get $n
      i32.const 1
      i32.add
      local.set $n
    end
    block
      local.get $n
      br 0
      i32.const 9
      drop
    end
    local.get $n
    return
    i32.const 1
    drop)

  ;; proc_exit when asked
  (func $maybe_exit (param $code i32)
    local.get $code
    if
      local.get $code
      call $exit
    end)

  (func $start (export "_start")
    i32.const 10
    call $by_br_if
    i32.const 5
    call $by_br
    i32.add
    i32.const 4
    call $by_br_table
    i32.add
    i32.const 6
    call $by_return
    i32.add
    i32.const 4
    call $nested
    i32.add
    i32.const 3
    call $calls_out
    i32.add
    i32.const 1
    call $through
    i32.add
    drop
    i32.const 0
    call $maybe_exit))
