;; issue-14-const-result-type.wat -- issue 14: an i32 global initialised with an i64.
;; wasm-validate --enable-all: type mismatch in initializer expression, expected [i32] but got [i64]
;; Built with: wat2wasm --enable-all --no-check issue-14-const-result-type.wat
(module (global i32 (i64.const 0)))
