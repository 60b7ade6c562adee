;; badlib.wat -- exports whamm cannot call (--user-libs): a v128 parameter,
;; two results, an externref parameter.  badlib.wasm is this file
;; assembled with wat2wasm (CTest lang.libs-in-sync).
(module
  (func (export "vec") (param v128))
  (func (export "pair") (result i32 i32) (i32.const 1) (i32.const 2))
  (func (export "ext") (param externref)))
