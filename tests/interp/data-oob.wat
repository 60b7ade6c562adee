;; An active data segment past the end of memory fails instantiation.
(module
  (memory 1)
  (data (i32.const 65534) "abc")
)
;; new-fails data segment 0: out of bounds memory access
