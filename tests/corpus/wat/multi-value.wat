;; FLAGS: --debug-names
;; multi-value.wat -- multi-value proposal: functions with several results,
;; block/loop/if with type-index blocktypes (s33 LEB type index, incl. params),
;; br/br_if/br_table/return carrying several values, calls returning several
;; values, and many types so that some blocktype indices need 2-byte LEBs.
;; Also uses the "empty" (0x40) and single-valtype blocktypes next to them.
(module
  (type $pair (func (result i32 i64)))
  (type $swap (func (param i32 i64) (result i64 i32)))
  (type $swap2 (func (param i64 i32) (result i32 i64)))
  (type $three (func (param f32 f64 i32) (result i32 f64 f32)))
  ;; pad the type section so later type indices need multi-byte LEBs
  (type (func (param i32))) (type (func (param i64))) (type (func (param f32))) (type (func (param f64)))
  (type (func (param i32 i32))) (type (func (param i32 i64))) (type (func (param i32 f32))) (type (func (param i32 f64)))
  (type (func (param i64 i32))) (type (func (param i64 i64))) (type (func (param i64 f32))) (type (func (param i64 f64)))
  (type (func (param f32 i32))) (type (func (param f32 i64))) (type (func (param f32 f32))) (type (func (param f32 f64)))
  (type (func (param f64 i32))) (type (func (param f64 i64))) (type (func (param f64 f32))) (type (func (param f64 f64)))
  (type (func (result i32))) (type (func (result i64))) (type (func (result f32))) (type (func (result f64)))
  (type (func (result i32 i32))) (type (func (result i32 i32 i32))) (type (func (result i32 i32 i32 i32)))
  (type (func (param i32) (result i32 i32))) (type (func (param i32 i32) (result i32 i32 i32)))
  (type (func (param i64) (result i64 i64))) (type (func (param f32) (result f32 f32))) (type (func (param f64) (result f64 f64)))
  (type (func (param i32 i32 i32 i32 i32 i32 i32 i32))) (type (func (param i64 i64 i64 i64 i64 i64 i64 i64)))
  (type (func (param f32 f32 f32 f32 f32 f32 f32 f32))) (type (func (param f64 f64 f64 f64 f64 f64 f64 f64)))
  (type (func (param i32 i64 f32 f64) (result f64 f32 i64 i32)))
  (type (func (param i32) (result i64))) (type (func (param i64) (result i32))) (type (func (param f32) (result f64)))
  (type (func (param f64) (result f32))) (type (func (param i32) (result f32))) (type (func (param f32) (result i32)))
  (type (func (param i64) (result f64))) (type (func (param f64) (result i64))) (type (func (param i32 i32) (result i64)))
  (type (func (param i64 i64) (result i32))) (type (func (param f32 f32) (result f64))) (type (func (param f64 f64) (result f32)))
  (type (func (param i32 i32 i32) (result i32))) (type (func (param i64 i64 i64) (result i64)))
  (type (func (param f32 f32 f32) (result f32))) (type (func (param f64 f64 f64) (result f64)))
  (type (func (param i32 f32 i64 f64))) (type (func (param f64 i64 f32 i32))) (type (func (param i32 i32 i64 i64)))
  (type (func (param f32 f32 f64 f64))) (type (func (param i32 i64 i32 i64))) (type (func (param f32 f64 f32 f64)))
  (type (func (param i32 i32 i32 i32 i32))) (type (func (param i32 i32 i32 i32 i32 i32)))
  (type (func (param i32 i32 i32 i32 i32 i32 i32))) (type (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32)))
  (type (func (param i64 i64 i64 i64 i64))) (type (func (param i64 i64 i64 i64 i64 i64)))
  (type (func (param i64 i64 i64 i64 i64 i64 i64))) (type (func (param i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (type (func (param f32 f32 f32 f32 f32))) (type (func (param f32 f32 f32 f32 f32 f32)))
  (type (func (param f32 f32 f32 f32 f32 f32 f32))) (type (func (param f32 f32 f32 f32 f32 f32 f32 f32 f32)))
  (type (func (param f64 f64 f64 f64 f64))) (type (func (param f64 f64 f64 f64 f64 f64)))
  (type (func (param f64 f64 f64 f64 f64 f64 f64))) (type (func (param f64 f64 f64 f64 f64 f64 f64 f64 f64)))
  (type (func (result i64 i64))) (type (func (result f32 f32))) (type (func (result f64 f64))) (type (func (result i64 i32)))
  (type (func (result f32 i32))) (type (func (result f64 i32))) (type (func (result i32 f32))) (type (func (result i32 f64)))
  (type (func (result i64 f32))) (type (func (result i64 f64))) (type (func (result f32 i64))) (type (func (result f64 i64)))
  (type (func (result f32 f64))) (type (func (result f64 f32))) (type (func (result i32 i64 f32))) (type (func (result f64 f32 i64)))
  (type (func (param i32 i32) (result i32 i32))) (type (func (param i64 i64) (result i64 i64)))
  (type (func (param f32 f32) (result f32 f32))) (type (func (param f64 f64) (result f64 f64)))
  (type (func (param i32 i64) (result i32 i64))) (type (func (param f32 f64) (result f32 f64)))
  (type (func (param i32 i64 f32) (result i32 i64 f32))) (type (func (param i64 f32 f64) (result i64 f32 f64)))
  (type (func (param i32 i32 i32 i32) (result i32 i32 i32 i32)))
  (type (func (param i64 i64 i64 i64) (result i64 i64 i64 i64)))
  (type (func (param f32 f32 f32 f32) (result f32 f32 f32 f32)))
  (type (func (param f64 f64 f64 f64) (result f64 f64 f64 f64)))
  (type (func (param i32) (result i32 i64 f32 f64)))
  (type (func (param i64) (result i32 i64 f32 f64)))
  (type (func (param f32) (result i32 i64 f32 f64)))
  (type (func (param f64) (result i32 i64 f32 f64)))
  (type $late (func (param i32 i32) (result i32 i32 i32 i32 i32)))   ;; index >= 128: 2-byte s33 blocktype

  (func $pair (type $pair) (i32.const 1) (i64.const 2))

  (func $swap (type $swap) (local.get 1) (local.get 0))

  (func $three (type $three)
    (local.get 2) (local.get 1) (local.get 0))

  (func $swap2 (type $swap2) (local.get 1) (local.get 0))

  (func $blocks (param $x i32) (result i32 i64)
    (call $pair)                                          ;; [i32 i64]
    (block $b (type $swap) (param i32 i64) (result i64 i32)
      (call $swap)                                        ;; [i64 i32]
      (br_if $b (local.get $x))
      (call $swap2)                                       ;; [i32 i64]
      (call $swap))                                       ;; [i64 i32]
    (loop $l (type $swap2) (param i64 i32) (result i32 i64)
      (local.set $x)                                      ;; [i64]
      (local.get $x)                                      ;; [i64 i32]
      (br_if $l (i32.eqz (local.get $x)))
      (call $swap2))                                      ;; [i32 i64]
    (if (type $swap) (param i32 i64) (result i64 i32) (local.get $x)
      (then (call $swap))
      (else (drop) (drop) (i64.const 0) (i32.const 0)))
    (call $swap2))

  (func $late_block (param i32 i32) (result i32 i32 i32 i32 i32)
    (local.get 0) (local.get 1)
    (block (type $late) (param i32 i32) (result i32 i32 i32 i32 i32)
      (i32.const 3) (i32.const 4) (i32.const 5)))

  (func $br_table_multi (param i32) (result i32 f64 f32)
    (block $outer (result i32 f64 f32)
      (block $inner (result i32 f64 f32)
        (i32.const 1) (f64.const 2) (f32.const 3)
        (br_table $inner $outer $inner (local.get 0)))
      (return))
    )

  (func $call_three (result i32 f64 f32)
    (call $three (f32.const 1) (f64.const 2) (i32.const 3)))

  (func $single_valtype_blocks (result i32)
    (block (result f32) (f32.const 1))
    (drop)
    (block (result f64) (f64.const 1))
    (drop)
    (block (result i64) (i64.const 1))
    (drop)
    (block (f32.const 1) (drop))
    (block (result i32) (i32.const 1)))
)
