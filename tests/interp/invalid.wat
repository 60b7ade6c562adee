;; Invalid code (assembled without validation) gives errors, never
;; undefined behaviour: a pop below the block's base, a block ending with
;; extra values, a branch carrying more than there is; a type error only
;; computes with the wrong bits (1.5 as f64 has zero low bits, so 0 + 2).
(module
  (func (export "underflow") (result i32) (i32.add (i32.const 1)))
  (func (export "left_over") (result i32) (i32.const 1) (i32.const 2))
  (func (export "short_br") (result i32) (block (result i32) (br 0)))
  (func (export "confused") (result i32) (i32.add (f64.const 1.5) (i64.const 2)))
  (func (export "fine") (result i32) (i32.const 9))
)
;; trap underflow -> 'i32.add' pops an operand the stack does not have at 0x* in function 0
;; trap left_over -> 'end' with the wrong number of values on the stack at 0x* in function 1
;; trap short_br -> 'br' pops an operand the stack does not have*
;; run confused -> i32:2
;; run fine -> i32:9
;; trap underflow -> 'i32.add' pops an operand*
