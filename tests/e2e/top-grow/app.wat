;; app.wat -- e2e case top-grow: memory.size and memory.grow of an app
;; whose memory 0 has 1 page and a maximum of 3.  _start: size; grow 1;
;; store 0x12345678 in the new page; grow 1; size; grow 1 (beyond the
;; maximum); grow 0; size; then $check(the stored word read back),
;; $check(the last word of the newest page), $check(memory.size).
;; Function indices: check 0, start 1.
(module
  (memory (export "memory") 1 3)
  (func $check (param i32))
  (func $start (export "_start")
    (drop (memory.size))
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 65636) (i32.const 0x12345678))
    (drop (memory.grow (i32.const 1)))
    (drop (memory.size))
    (drop (memory.grow (i32.const 1)))
    (drop (memory.grow (i32.const 0)))
    (drop (memory.size))
    (call $check (i32.load (i32.const 65636)))
    (call $check (i32.load (i32.const 196604)))
    (call $check (memory.size))))
