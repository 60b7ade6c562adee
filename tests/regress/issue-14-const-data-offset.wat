;; issue-14-const-data-offset.wat -- issue 14: an i64 offset for a data segment of a 32-bit memory.
;; wasm-validate --enable-all: type mismatch in initializer expression, expected [i32] but got [i64]
;; Built with: wat2wasm --enable-all --no-check issue-14-const-data-offset.wat
(module (memory 1) (data (i64.const 0) "x"))
