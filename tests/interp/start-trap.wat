;; A start function that traps fails instantiation; so does a data
;; segment out of bounds (start-oob is the same idea for memory).
(module
  (func $s (i32.div_u (i32.const 1) (i32.const 0)) (drop))
  (start $s)
)
;; new-fails integer divide by zero at 0x* in function 0 (s)
