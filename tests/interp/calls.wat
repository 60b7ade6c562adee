;; Calls: direct, indirect through a table filled by an element segment,
;; the traps of call_indirect (null entry, index past the table, signature
;; mismatch), the same signature under two type indices, references and
;; table instructions.
(module
  (type $v2i (func (result i32)))
  (type $v2i_again (func (result i32)))
  (type $i2i (func (param i32) (result i32)))
  (table $t 5 10 funcref)
  (elem (table $t) (i32.const 0) func $one $two $double)
  (func $one (type $v2i) (i32.const 1))
  (func $two (type $v2i_again) (i32.const 2))
  (func $double (type $i2i) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "call_v2i") (param i32) (result i32)
    (call_indirect $t (type $v2i) (local.get 0)))
  (func (export "call_i2i") (param i32 i32) (result i32)
    (call_indirect $t (type $i2i) (local.get 1) (local.get 0)))
  (func (export "direct") (result i32) (i32.add (call $one) (call $double (i32.const 21))))
  (func (export "size") (result i32) (table.size $t))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.func $double) (local.get 0)))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "set_null") (param i32) (table.set $t (local.get 0) (ref.null func)))
  (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $two) (local.get 1)))
  (func (export "null_is_null") (result i32) (ref.is_null (ref.null extern)))
)
;; run call_v2i i32:0 -> i32:1
;; run call_v2i i32:1 -> i32:2
;; trap call_v2i i32:2 -> indirect call type mismatch at 0x* in function 3*
;; trap call_v2i i32:3 -> uninitialized element*
;; trap call_v2i i32:5 -> undefined element*
;; trap call_v2i i32:-1 -> undefined element*
;; run call_i2i i32:2 i32:21 -> i32:42
;; trap call_i2i i32:0 i32:1 -> indirect call type mismatch*
;; run direct -> i32:43
;; run size -> i32:5
;; run is_null i32:3 -> i32:1
;; run is_null i32:2 -> i32:0
;; trap is_null i32:5 -> out of bounds table access*
;; run grow i32:2 -> i32:5
;; run size -> i32:7
;; run call_i2i i32:6 i32:4 -> i32:8
;; run grow i32:4 -> i32:-1
;; run set_null i32:0 ->
;; trap call_v2i i32:0 -> uninitialized element*
;; run fill i32:3 i32:2 ->
;; run call_v2i i32:4 -> i32:2
;; trap fill i32:6 i32:2 -> out of bounds table access*
;; run null_is_null -> i32:1
