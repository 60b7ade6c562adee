;; Limits: fuel (an infinite loop ends with an error, and the instance
;; stays usable), call depth (endless recursion is an error, never a C
;; stack overflow), the value stack, and the memory cap below the
;; memory's own maximum.
(module
  (memory 1)
  (func (export "spin") (loop $l (br $l)))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func $forever (export "forever") (call $forever))
  (func $wide (export "wide") (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (call $wide))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "ok") (result i32) (i32.const 1))
)
;; limits fuel=10000 mem=196608 depth=100
;; trap spin -> ran out of fuel after 10000 instructions: an infinite loop? at 0x* in function 0
;; run ok -> i32:1
;; run down i32:50 -> i32:50
;; trap down i32:100 -> call stack exhausted: more than 100 nested calls at 0x* in function 1 (down)
;; trap forever -> call stack exhausted: more than 100 nested calls*
;; run down i32:10 -> i32:10
;; run grow i32:1 -> i32:1
;; run grow i32:1 -> i32:2
;; run grow i32:1 -> i32:-1
;; run grow i32:0 -> i32:3
