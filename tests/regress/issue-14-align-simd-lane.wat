;; issue-14-align-simd-lane.wat -- issue 14: a SIMD lane load aligned above its lane size.
;; wasm-validate --enable-all: alignment must not be larger than natural alignment (1)
;; Built with: wat2wasm --enable-all --no-check issue-14-align-simd-lane.wat
(module (memory 1) (func (result v128) i32.const 0 v128.const i64x2 0 0 v128.load8_lane align=2 0))
