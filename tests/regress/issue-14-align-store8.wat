;; issue-14-align-store8.wat -- issue 14: a one-byte store aligned to 4 bytes.
;; wasm-validate --enable-all: alignment must not be larger than natural alignment (1)
;; Built with: wat2wasm --enable-all --no-check issue-14-align-store8.wat
(module (memory 1) (func i32.const 0 i32.const 1 i32.store8 align=2))
