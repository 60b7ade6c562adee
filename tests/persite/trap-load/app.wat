;; app.wat -- persite cases trap-load and global-trap: work(p) loads at p + 4 in the middle
;; of its one straight-line segment; the third call traps there.
(module
  (memory (export "memory") 1)
  (func $work (param $p i32) (result i32)
    local.get $p
    i32.const 4
    i32.add
    i32.load       ;; p = -16: address 0xFFFFFFF4, out of bounds: a trap
    i32.const 1
    i32.add)
  (func $start (export "_start")
    i32.const 8
    call $work
    drop
    i32.const 8
    call $work
    drop
    i32.const -16
    call $work
    drop))
