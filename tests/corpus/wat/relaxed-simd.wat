;; FLAGS: --enable-relaxed-simd
;; relaxed-simd.wat -- every relaxed SIMD instruction (0xFD 0x100-0x113, all
;; 2-byte LEB sub-opcodes): relaxed_swizzle, relaxed_trunc (4), relaxed_madd/
;; nmadd (f32x4, f64x2), relaxed_laneselect (4 shapes), relaxed_min/max
;; (f32x4, f64x2), relaxed_q15mulr_s, relaxed_dot_i8x16_i7x16_s and
;; relaxed_dot_i8x16_i7x16_add_s (wabt 1.0.32 spells the two dot ops without
;; "relaxed_": i16x8.dot_i8x16_i7x16_s / i32x4.dot_i8x16_i7x16_add_s).
(module
  (func $relaxed (param $a v128) (param $b v128) (param $c v128) (result v128)
    (local.set $a (i8x16.relaxed_swizzle (local.get $a) (local.get $b)))
    (local.set $a (i32x4.relaxed_trunc_f32x4_s (local.get $a)))
    (local.set $a (i32x4.relaxed_trunc_f32x4_u (local.get $a)))
    (local.set $a (i32x4.relaxed_trunc_f64x2_s_zero (local.get $a)))
    (local.set $a (i32x4.relaxed_trunc_f64x2_u_zero (local.get $a)))
    (local.set $a (f32x4.relaxed_madd (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (f32x4.relaxed_nmadd (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (f64x2.relaxed_madd (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (f64x2.relaxed_nmadd (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (i8x16.relaxed_laneselect (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (i16x8.relaxed_laneselect (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (i32x4.relaxed_laneselect (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (i64x2.relaxed_laneselect (local.get $a) (local.get $b) (local.get $c)))
    (local.set $a (f32x4.relaxed_min (local.get $a) (local.get $b)))
    (local.set $a (f32x4.relaxed_max (local.get $a) (local.get $b)))
    (local.set $a (f64x2.relaxed_min (local.get $a) (local.get $b)))
    (local.set $a (f64x2.relaxed_max (local.get $a) (local.get $b)))
    (local.set $a (i16x8.relaxed_q15mulr_s (local.get $a) (local.get $b)))
    (local.set $a (i16x8.dot_i8x16_i7x16_s (local.get $a) (local.get $b)))
    (i32x4.dot_i8x16_i7x16_add_s (local.get $a) (local.get $b) (local.get $c)))
)
