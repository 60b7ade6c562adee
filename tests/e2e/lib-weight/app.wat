;; app.wat -- e2e case lib-weight: three functions with known entry counts
;; (a: 5, b: 2, _start: 1; see NOTES).
(module
  (func $a (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add)
  (func $b (param i32) (result i32)
    local.get 0
    call $a
    call $a)
  (func $_start (export "_start")
    i32.const 0
    call $b
    drop
    i32.const 0
    call $a
    drop
    i32.const 5
    call $b
    drop)
  (memory (export "memory") 1))
