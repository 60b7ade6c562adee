;; FLAGS: --debug-names
;; POSTPROCESS: insert-custom-sections
;; custom-sections.wat -- custom sections everywhere.  After assembly,
;; build-corpus.sh runs tests/tools/insert-custom-sections.mjs on the output,
;; which inserts a custom section before the first section, after EVERY
;; section (so between type/import/function/table/memory/global/export/start/
;; element/datacount/code/data) and at the end: empty name, empty payload,
;; UTF-8 name, well-known names (producers, sourceMappingURL,
;; external_debug_info), 2- and 3-byte size LEBs and a padded 5-byte size LEB.
;; The module itself uses every non-custom section kind (+ name section).
(module
  (type $v (func))
  (import "env" "f" (func $f))
  (table 1 funcref)
  (memory 1)
  (global $g i32 (i32.const 0))
  (export "start" (func $start))
  (start $start)
  (elem (i32.const 0) $start)
  (data $d "passive")
  (func $start (type $v)
    (call $f)
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)))
)
