;; app.wat -- funcref-vars: four indirect calls whose targets are known.
;; Function indices: a 0, b 1, c 2, start 3.  The table starts as
;; [a b null null]; _start sets slot 2 to c before the third call.
(module
  (type $v2i (func (result i32)))
  (table $t 4 funcref)
  (elem (i32.const 0) $a $b)
  (elem $spare func $c)
  (func $a (type $v2i) (i32.const 1))
  (func $b (type $v2i) (i32.const 2))
  (func $c (type $v2i) (i32.const 3))
  (func $start (export "_start")
    (drop (call_indirect (type $v2i) (i32.const 0)))
    (drop (call_indirect (type $v2i) (i32.const 1)))
    (table.set $t (i32.const 2) (ref.func $c))
    (drop (call_indirect (type $v2i) (i32.const 2)))
    (drop (call_indirect (type $v2i) (i32.const 1)))))
