;; app.wat -- table-imported: the table comes from the host, which may
;; fill and change it; the module's own segment puts $one at slot 0.
(module
  (type $v2i (func (result i32)))
  (import "env" "table" (table $t 4 funcref))
  (elem (table $t) (i32.const 0) func $one)
  (func $one (type $v2i) (i32.const 1))
  (func $start (export "_start")
    (drop (call_indirect $t (type $v2i) (i32.const 0)))))
