;; issue-14-const-global-defined.wat -- issue 14: without GC types, a constant expression reads only imported globals.
;; wasm-validate --enable-all: initializer expression can only reference an imported global
;; Built with: wat2wasm --enable-all --no-check issue-14-const-global-defined.wat
(module (global $a i32 (i32.const 1)) (global i32 (global.get $a)))
