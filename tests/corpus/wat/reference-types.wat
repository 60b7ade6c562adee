;; FLAGS: --debug-names
;; reference-types.wat -- reference types proposal: funcref/externref values in
;; params, results, locals and globals; ref.null (func, extern), ref.is_null,
;; ref.func; typed select (0x1C with a result-type vector) next to untyped
;; select (0x1B); table.get/set/size/grow/fill (0x25, 0x26, 0xFC 15-17) on
;; several tables; call_indirect with a non-zero table index; externref table
;; import/export and multiple tables.
(module
  (type $i_i (func (param i32) (result i32)))
  (import "host" "ext_table" (table $ext_imp 1 externref))
  (import "host" "ext_global" (global $ext_g externref))
  (import "host" "consume" (func $consume (param externref funcref)))
  (table $funcs 4 funcref)
  (table $more_funcs 2 10 funcref)
  (table $externs (export "externs") 3 externref)
  (global $fg (mut funcref) (ref.null func))
  (global $eg (mut externref) (global.get $ext_g))
  (elem declare func $id $refs)
  (elem (table $more_funcs) (i32.const 0) func $id)

  (func $id (type $i_i) (local.get 0))

  (func $refs (param $e externref) (param $c i32) (result externref funcref)
    (local $f funcref)
    (local $x externref)
    (local.set $f (ref.func $id))
    (local.set $x (ref.null extern))
    (drop (ref.is_null (local.get $e)))
    (drop (ref.is_null (local.get $f)))
    (drop (ref.is_null (ref.null func)))
    (global.set $fg (local.get $f))
    (global.set $eg (global.get $ext_g))
    (call $consume (local.get $e) (local.get $f))
    ;; typed select with reference results
    (select (result externref) (local.get $e) (local.get $x) (local.get $c))
    (select (result funcref) (local.get $f) (ref.null func) (local.get $c))
    ;; typed select with numeric result types
    (drop (select (result i32) (i32.const 1) (i32.const 2) (local.get $c)))
    (drop (select (result f64) (f64.const 1) (f64.const 2) (local.get $c)))
    (drop (select (i64.const 1) (i64.const 2) (local.get $c))))

  (func $tables (param $i i32) (result i32)
    (table.set $funcs (i32.const 0) (ref.func $id))
    (table.set $externs (local.get $i) (table.get $ext_imp (i32.const 0)))
    (drop (table.get $funcs (local.get $i)))
    (drop (table.grow $funcs (ref.null func) (i32.const 2)))
    (drop (table.grow $externs (ref.null extern) (local.get $i)))
    (table.fill $funcs (i32.const 1) (ref.func $refs) (i32.const 2))
    (table.fill $externs (i32.const 0) (ref.null extern) (table.size $externs))
    (drop (table.size $ext_imp))
    (drop (table.size $more_funcs))
    (drop (call_indirect $more_funcs (type $i_i) (i32.const 7) (i32.const 0)))
    (call_indirect $funcs (type $i_i) (local.get $i) (i32.const 1)))
)
