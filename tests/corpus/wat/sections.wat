;; FLAGS: --enable-multi-memory
;; sections.wat -- every section kind in one module, in canonical order:
;; type, import (func/table/memory/global), function, table (several, funcref
;; and externref, with/without max), memory (several: needs multi-memory for the
;; second and third), global (incl. ref-typed initialisers), export (all four
;; kinds), start, element (ALL eight segment encodings 0-7), datacount, code,
;; data (all three encodings 0-2: active mem 0, passive, active with explicit
;; memory index).  wasm-objdump -x shows the segment flags.
(module
  (type $v_v (func))
  (type $i_i (func (param i32) (result i32)))

  (import "env" "f" (func $imp_f (type $i_i)))
  (import "env" "t" (table $imp_t 1 funcref))
  (import "env" "m" (memory $imp_m 1))
  (import "env" "g" (global $imp_g i32))
  (import "env" "gm" (global $imp_gm (mut f32)))

  (table $t1 10 funcref)
  (table $t2 2 20 externref)
  (table $t3 0 0 funcref)

  (memory $m1 0)
  (memory $m2 1 1)

  (global $gf funcref (ref.func $f1))
  (global $ge (mut externref) (ref.null extern))
  (global $gi (mut i32) (global.get $imp_g))

  (export "f1" (func $f1))
  (export "imp_f" (func $imp_f))
  (export "t1" (table $t1))
  (export "t2" (table $t2))
  (export "m2" (memory $m2))
  (export "imp_m" (memory $imp_m))
  (export "gf" (global $gf))
  (export "gi" (global $gi))

  (start $start)

  ;; flags 0: active, table 0, offset, vec(funcidx)
  (elem (i32.const 0) $f1)
  ;; flags 1: passive, elemkind, vec(funcidx)
  (elem $passive_idx func $f1 $f2 $start)
  ;; flags 2: active, explicit table, offset, elemkind, vec(funcidx)
  (elem (table $t1) (offset (i32.const 1)) func $f1 $f2)
  ;; flags 3: declarative, elemkind, vec(funcidx)
  (elem declare func $f3)
  ;; flags 4: active, table 0, offset, vec(expr)
  (elem (i32.const 0) funcref (ref.func $f1) (ref.null func))
  ;; flags 5: passive, reftype, vec(expr)
  (elem $passive_expr funcref (item ref.func $f2) (item (ref.null func)))
  (elem externref (ref.null extern))
  ;; flags 6: active, explicit table, offset, reftype, vec(expr)
  (elem (table $t2) (i32.const 0) externref (ref.null extern) (ref.null extern))
  (elem (table $t1) (global.get $imp_g) funcref (ref.null func) (ref.func $f3))
  ;; flags 7: declarative, reftype, vec(expr)
  (elem declare funcref (ref.func $f3) (ref.null func))
  ;; empty segments
  (elem (i32.const 0))
  (elem func)

  ;; data flags 0: active memory 0
  (data (i32.const 16) "active mem0")
  ;; data flags 1: passive
  (data $passive "passive bytes \00\ff")
  ;; data flags 2: active with explicit memory index
  (data (memory $m2) (i32.const 8) "active mem2")
  (data (memory 1) (offset (i32.const 0)) "")

  (func $start (type $v_v)
    (global.set $gi (i32.const 1)))

  (func $f1 (type $i_i) (local.get 0))
  (func $f2 (type $i_i) (call $imp_f (local.get 0)))
  (func $f3 (result funcref)
    ;; ref.func needs the function to be "declared": $f3 is in a declarative segment
    (ref.func $f3))
  (func $use (param i32)
    (memory.init $passive (i32.const 0) (i32.const 0) (i32.const 4))
    (data.drop $passive)
    (table.init $t1 $passive_expr (i32.const 0) (i32.const 0) (i32.const 1))
    (elem.drop $passive_idx)
    (table.set $t2 (local.get 0) (global.get $ge))
    (drop (call_indirect $t1 (type $i_i) (i32.const 0) (i32.const 0))))
)
