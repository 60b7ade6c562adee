;; FLAGS: --disable-saturating-float-to-int --disable-bulk-memory --disable-reference-types --disable-simd
;; sign-ext.wat -- sign-extension operators (0xC0-0xC4): i32.extend8_s,
;; i32.extend16_s, i64.extend8_s, i64.extend16_s, i64.extend32_s, on an
;; otherwise-MVP module (the other default wabt features are switched off).
(module
  (func (export "ext32") (param $x i32) (result i32)
    (i32.add
      (i32.extend8_s (local.get $x))
      (i32.extend16_s (local.get $x))))
  (func (export "ext64") (param $x i64) (result i64)
    (i64.add
      (i64.add (i64.extend8_s (local.get $x)) (i64.extend16_s (local.get $x)))
      (i64.extend32_s (local.get $x))))
)
