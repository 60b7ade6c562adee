;; issue-14-align-load16.wat -- issue 14: an alignment (16 bytes) above the natural one (2).
;; wasm-validate --enable-all: alignment must not be larger than natural alignment (2)
;; Built with: wat2wasm --enable-all --no-check issue-14-align-load16.wat
(module (memory 1) (func (result i64) i32.const 0 i64.load16_s align=4))
