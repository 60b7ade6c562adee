;; issue-14-const-global-mutable.wat -- issue 14: a constant expression reads only immutable globals.
;; wasm-validate --enable-all: initializer expression cannot reference a mutable global
;; Built with: wat2wasm --enable-all --no-check issue-14-const-global-mutable.wat
(module (import "m" "g" (global $g (mut i32))) (global i32 (global.get $g)))
