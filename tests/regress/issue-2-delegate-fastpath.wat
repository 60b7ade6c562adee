;; issue-2-delegate-fastpath.wat -- regression for issue 2: the reader's fast
;; path handled `delegate` (a label immediate, like `br`) without closing its
;; `try` block, so the body seemed to end without `end`.  Source of
;; issue-2-delegate-fastpath.wasm (wat2wasm --enable-exceptions).
(module
  (func (export "f")
    (try (do (nop)) (delegate 0))
    (try $outer (do (try (do (nop)) (delegate $outer))) (catch_all))))
