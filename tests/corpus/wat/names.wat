;; FLAGS: --debug-names --enable-exceptions
;; names.wat -- the "name" custom section (written by wat2wasm --debug-names):
;; module name (subsection 0), function names (1) incl. imported functions,
;; local names (2) for params and locals, sparse (unnamed functions/locals in
;; between), and the extended-name-section subsections wabt writes: type (4),
;; table (5), memory (6), global (7), elem segment (8), data segment (9) and
;; tag (11) names.  Names use every punctuation character allowed in text
;; identifiers and a >64-byte name (wat2wasm 1.0.32 rejects non-ASCII ids;
;; non-ASCII import/export names are in mvp.wat).
(module $the_module_name
  (type $binop (func (param i32 i32) (result i32)))
  (type $unnamed_is_fine (func))
  (import "env" "imported_fn" (func $imported_fn (param i32)))
  (import "env" "imported_g" (global $imported_g i32))
  (table $the_table 1 funcref)
  (memory $the_memory 1)
  (tag $the_tag (param i32))
  (global $counter (mut i32) (i32.const 0))
  (global i32 (i32.const 1))
  (global $global.with-punctuation/chars:ok@v1 i64 (i64.const 2))
  (elem $the_elem (i32.const 0) $add)
  (data $the_data (i32.const 0) "named data")
  (data "anonymous data")

  (func $add (type $binop) (param $lhs i32) (param $rhs i32) (result i32)
    (local $tmp i32) (local i64) (local $after_unnamed f32)
    (local.set $tmp (i32.add (local.get $lhs) (local.get $rhs)))
    (global.set $counter (local.get $tmp))
    (local.get $tmp))

  (func (param i32) (local $only_local_named i32)
    (call $imported_fn (local.get 0)))

  (func $func!#%&*+-./:<=>?@^_`|~ (type $unnamed_is_fine)
    (local $a_rather_long_local_variable_name_that_is_over_sixty_four_bytes_long_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx i32))

  (func $last_func (param $p i32) (result i32)
    (local.get $p))
)
