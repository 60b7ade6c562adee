;; FLAGS:
;; typed-func-refs.wat -- typed function references proposal (binaryen wasm-as
;; --all-features): concrete reference types (ref $t) / (ref null $t) in
;; params, results, locals, globals and tables (0x63/0x64 + s33 heap type);
;; non-nullable locals; a table with an explicit initialiser expression (the
;; 0x40 0x00 tabletype-with-init encoding); func types that mention other
;; func types; call_ref (0x14), return_call_ref (0x15), ref.as_non_null
;; (0xD4), br_on_null (0xD5), br_on_non_null (0xD6); typed select over
;; references; element segments of type (ref $t).
(module
  (type $i_i (func (param i32) (result i32)))
  (type $hof (func (param (ref $i_i) i32) (result i32)))
  (type $maker (func (result (ref null $i_i))))

  (table $typed 4 (ref null $i_i))
  (table $nonnull 2 2 (ref $i_i) (ref.func $inc))
  (elem $typed_elems (table $typed) (i32.const 0) (ref $i_i) (ref.func $inc) (ref.func $dbl))
  (elem declare func $apply $make)

  (global $gf (ref $i_i) (ref.func $inc))
  (global $gmut (mut (ref null $i_i)) (ref.null nofunc))
  (global $ghof (ref null $hof) (ref.func $apply))

  (func $inc (type $i_i) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $i_i) (i32.mul (local.get 0) (i32.const 2)))

  (func $apply (type $hof) (param $f (ref $i_i)) (param $x i32) (result i32)
    (call_ref $i_i (local.get $x) (local.get $f)))

  (func $make (type $maker) (result (ref null $i_i))
    (table.get $typed (i32.const 1)))

  (func $tail (param $f (ref $i_i)) (param $x i32) (result i32)
    (return_call_ref $i_i (local.get $x) (local.get $f)))

  (func $nullable (export "nullable") (param $x i32) (result i32)
    (local $nn (ref $i_i))
    (local $n (ref null $i_i))
    (local.set $n (call_ref $maker (ref.func $make)))
    (local.set $nn (ref.as_non_null (local.get $n)))
    (global.set $gmut (local.get $nn))
    (block $was_null
      (return
        (call_ref $i_i (local.get $x) (br_on_null $was_null (local.get $n)))))
    (drop
      (block $non_null (result (ref $i_i))
        (br_on_non_null $non_null (global.get $gmut))
        (global.get $gf)))
    (local.set $nn
      (select (result (ref $i_i)) (global.get $gf) (table.get $nonnull (i32.const 0)) (local.get $x)))
    (drop (call_ref $hof (local.get $nn) (local.get $x) (ref.as_non_null (global.get $ghof))))
    (table.set $nonnull (i32.const 1) (ref.func $dbl))
    (call $tail (local.get $nn) (local.get $x)))
)
