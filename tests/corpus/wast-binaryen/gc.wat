;; FLAGS: -g
;; gc.wat -- garbage collection proposal (assembled with binaryen wasm-as
;; --all-features; wat2wasm 1.0.32 has no GC text support).  Covers:
;; rec groups (0x4E), subtypes (0x50 sub, 0x4F sub final) with declared
;; supertypes, struct (0x5F) and array (0x5E) composite types, packed i8/i16
;; fields, mutable and immutable fields, reference value types in their short
;; (anyref, eqref, i31ref, structref, arrayref, nullref, nullfuncref,
;; nullexternref, exnref is in exnref.wat) and long ((ref null $t), (ref $t),
;; (ref any)) forms; constant expressions with struct.new, array.new_fixed,
;; ref.i31, any.convert_extern/extern.convert_any (global initialisers);
;; EVERY 0xFB instruction: struct.new, struct.new_default, struct.get,
;; struct.get_s, struct.get_u, struct.set, array.new, array.new_default,
;; array.new_fixed, array.new_data, array.new_elem, array.get, array.get_s,
;; array.get_u, array.set, array.len, array.fill, array.copy, array.init_data,
;; array.init_elem, ref.test (nullable and non-null), ref.cast (nullable and
;; non-null), br_on_cast, br_on_cast_fail (with all null-ness combinations),
;; any.convert_extern, extern.convert_any, ref.i31, i31.get_s, i31.get_u;
;; plus ref.eq (0xD3); a 200-field struct (2-byte field count/indices).  -g makes wasm-as write a name section including type
;; and field names (name subsections 4 and 10).
(module
  (rec
    (type $node (sub (struct (field $val (mut i32)) (field $next (mut (ref null $node))))))
    (type $tree (struct (field $left (ref null $tree)) (field $right (ref null $tree)) (field $owner (ref null $node)))))
  (type $point (sub (struct (field $x (mut f64)) (field $y (mut f64)))))
  (type $point3 (sub final $point (struct (field $x (mut f64)) (field $y (mut f64)) (field $z f32))))
  (type $packed (struct (field $b (mut i8)) (field $h (mut i16)) (field $l i64) (field $any (mut anyref))))
  (type $bytes (array (mut i8)))
  (type $shorts (array (mut i16)))
  (type $ints (array (mut i32)))
  (type $frozen (array i64))
  (type $anys (array (mut anyref)))
  (type $funcs (array (mut funcref)))
  ;; 200 fields: 2-byte field count and field indices (struct.get $wide 199)
  (type $wide (struct (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i32)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64)) (field (mut i64))))
  (type $get_fn (sub (func (param (ref null $point)) (result f64))))
  (type $get_fn2 (sub $get_fn (func (param (ref null $point)) (result f64))))

  (data $d "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
  (elem $e func $get_x $get_y)
  (elem declare func $get_x)

  (global $gp (ref null $point) (struct.new $point (f64.const 1) (f64.const 2)))
  (global $gp3 (ref $point3) (struct.new $point3 (f64.const 1) (f64.const 2) (f32.const 3)))
  (global $gdef (ref $packed) (struct.new_default $packed))
  (global $garr (ref $ints) (array.new_fixed $ints 3 (i32.const 1) (i32.const 2) (i32.const 3)))
  (global $garr2 (ref $ints) (array.new $ints (i32.const 7) (i32.const 10)))
  (global $garr3 (ref $bytes) (array.new_default $bytes (i32.const 4)))
  (global $gi31 (ref i31) (ref.i31 (i32.const 42)))
  (global $gany (mut anyref) (any.convert_extern (ref.null noextern)))
  (global $gext externref (extern.convert_any (ref.i31 (i32.const 1))))
  (global $geq eqref (ref.null none))
  (global $gnf nullfuncref (ref.null nofunc))
  (global $gne nullexternref (ref.null noextern))
  (global $gs structref (ref.null struct))
  (global $ga arrayref (ref.null array))
  (global $gnull nullref (ref.null none))

  (func $get_x (export "get_x") (type $get_fn) (param $p (ref null $point)) (result f64)
    (struct.get $point $x (local.get $p)))

  (func $get_y (type $get_fn2) (param $p (ref null $point)) (result f64)
    (struct.get $point $y (local.get $p)))

  (func $structs (export "structs") (param $v i32) (result i32)
    (local $n (ref null $node))
    (local $pk (ref $packed))
    (local $t (ref null $tree))
    (local.set $n (struct.new $node (local.get $v) (ref.null $node)))
    (local.set $n (struct.new $node (i32.const 1) (local.get $n)))
    (struct.set $node $val (local.get $n) (i32.const 5))
    (struct.set $node $next (local.get $n) (ref.null none))
    (local.set $t (struct.new $tree (ref.null $tree) (ref.null $tree) (local.get $n)))
    (local.set $pk (struct.new_default $packed))
    (struct.set $packed $b (local.get $pk) (i32.const -1))
    (struct.set $packed $h (local.get $pk) (i32.const 0x1234))
    (struct.set $packed $any (local.get $pk) (ref.i31 (local.get $v)))
    (drop (struct.get $packed $l (local.get $pk)))
    (drop (struct.get $tree $owner (local.get $t)))
    (i32.add
      (i32.add
        (struct.get_s $packed $b (local.get $pk))
        (struct.get_u $packed $h (local.get $pk)))
      (struct.get $node $val (local.get $n))))

  (func $arrays (export "arrays") (param $n i32) (result i32)
    (local $a (ref $ints))
    (local $b (ref $bytes))
    (local $s (ref $shorts))
    (local $f (ref $funcs))
    (local $x (ref $anys))
    (local.set $a (array.new $ints (i32.const 0) (local.get $n)))
    (local.set $a (array.new_default $ints (i32.const 8)))
    (local.set $a (array.new_fixed $ints 4 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)))
    (local.set $b (array.new_data $bytes $d (i32.const 0) (i32.const 8)))
    (local.set $s (array.new_data $shorts $d (i32.const 2) (i32.const 4)))
    (local.set $f (array.new_elem $funcs $e (i32.const 0) (i32.const 2)))
    (local.set $x (array.new $anys (ref.null none) (i32.const 3)))
    (drop (array.new_fixed $frozen 2 (i64.const 1) (i64.const 2)))
    (drop (array.new_fixed $anys 0))
    (array.set $ints (local.get $a) (i32.const 0) (i32.const 99))
    (array.set $bytes (local.get $b) (i32.const 1) (i32.const 255))
    (array.set $anys (local.get $x) (i32.const 0) (local.get $a))
    (array.fill $ints (local.get $a) (i32.const 1) (i32.const 7) (i32.const 2))
    (array.copy $ints $ints (local.get $a) (i32.const 0) (local.get $a) (i32.const 1) (i32.const 2))
    (array.copy $anys $anys (local.get $x) (i32.const 0) (local.get $x) (i32.const 1) (i32.const 1))
    (array.init_data $bytes $d (local.get $b) (i32.const 0) (i32.const 4) (i32.const 4))
    (array.init_elem $funcs $e (local.get $f) (i32.const 0) (i32.const 1) (i32.const 1))
    (drop (array.get $funcs (local.get $f) (i32.const 0)))
    (i32.add
      (i32.add (array.get $ints (local.get $a) (i32.const 0)) (array.len (local.get $a)))
      (i32.add (array.get_s $bytes (local.get $b) (i32.const 1))
               (array.get_u $shorts (local.get $s) (i32.const 0)))))

  (func $casts (export "casts") (param $r anyref) (result i32)
    (local $e eqref)
    (local $i i31ref)
    (local $p (ref null $point))
    (drop (ref.test (ref $point) (local.get $r)))
    (drop (ref.test (ref null $point) (local.get $r)))
    (drop (ref.test (ref i31) (local.get $r)))
    (drop (ref.test (ref null struct) (local.get $r)))
    (local.set $p (ref.cast (ref null $point) (local.get $r)))
    (local.set $p (ref.cast (ref $point3) (local.get $r)))
    (local.set $e (ref.cast (ref null eq) (local.get $r)))
    (local.set $i (ref.cast i31ref (local.get $r)))
    (drop (ref.eq (local.get $e) (ref.i31 (i32.const 1))))
    (drop (i31.get_u (local.get $i)))
    (drop (extern.convert_any (local.get $r)))
    (drop (any.convert_extern (extern.convert_any (local.get $r))))
    (drop
      (block $is_point (result (ref $point))
        (br_on_cast $is_point anyref (ref $point) (local.get $r))
        (drop)
        (struct.new $point (f64.const 0) (f64.const 0))))
    (drop
      (block $is_null_or_point (result (ref null $point))
        (br_on_cast $is_null_or_point anyref (ref null $point) (local.get $r))
        (drop)
        (ref.null none)))
    (drop
      (block $not_i31 (result anyref)
        (return (i31.get_s (br_on_cast_fail $not_i31 anyref (ref i31) (local.get $r))))))
    (drop
      (block $not_array (result anyref)
        (drop (br_on_cast_fail $not_array anyref (ref null array) (local.get $r)))
        (ref.null none)))
    (i32.const 0))

  (func $wide (export "wide") (result i64)
    (local $w (ref $wide))
    (local.set $w (struct.new_default $wide))
    (struct.set $wide 150 (local.get $w) (i64.const 5))
    (i64.add (struct.get $wide 199 (local.get $w))
             (i64.extend_i32_u (struct.get $wide 0 (local.get $w)))))

  (func $calls (export "calls") (result f64)
    (call_ref $get_fn (global.get $gp) (ref.func $get_x)))
)
