;; FLAGS: --disable-sign-extension --disable-bulk-memory --disable-reference-types --disable-simd
;; sat-conversions.wat -- non-trapping float-to-int conversions (0xFC 0..7):
;; i32.trunc_sat_f32_s/u, i32.trunc_sat_f64_s/u, i64.trunc_sat_f32_s/u,
;; i64.trunc_sat_f64_s/u.  The 0xFC prefix with the lowest sub-opcodes, on an
;; otherwise-MVP module.
(module
  (func (export "sat") (param $f f32) (param $d f64) (result i64)
    (local $acc i64)
    (drop (i32.trunc_sat_f32_s (local.get $f)))
    (drop (i32.trunc_sat_f32_u (local.get $f)))
    (drop (i32.trunc_sat_f64_s (local.get $d)))
    (drop (i32.trunc_sat_f64_u (local.get $d)))
    (local.set $acc (i64.trunc_sat_f32_s (local.get $f)))
    (local.set $acc (i64.add (local.get $acc) (i64.trunc_sat_f32_u (local.get $f))))
    (local.set $acc (i64.add (local.get $acc) (i64.trunc_sat_f64_s (local.get $d))))
    (i64.add (local.get $acc) (i64.trunc_sat_f64_u (local.get $d))))
)
