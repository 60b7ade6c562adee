;; issue-14-align-atomic.wat -- issue 14: an atomic access must use exactly its natural alignment.
;; wasm-validate --enable-all: alignment must be equal to natural alignment (4)
;; Built with: wat2wasm --enable-all --no-check issue-14-align-atomic.wat
(module (memory 1 1 shared) (func (result i32) i32.const 0 i32.atomic.load align=2))
