;; issue-14-const-elem-item.wat -- issue 14: an externref item in a funcref element segment.
;; wasm-validate --enable-all: type mismatch at elem expression. got externref, expected funcref
;; Built with: wat2wasm --enable-all --no-check issue-14-const-elem-item.wat
(module (table 1 funcref) (elem (table 0) (i32.const 0) funcref (ref.null extern)))
