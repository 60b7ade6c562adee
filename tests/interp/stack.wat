;; The value stack has a fixed size: deep recursion through a function
;; with many locals ends with an error before the call depth limit does.
(module
  (func $wide (export "wide") (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (call $wide))
)
;; limits depth=10000000
;; trap wide -> call stack exhausted: more than 524288 values at 0x* in function 0 (wide)
