;; Float instructions: arithmetic, min/max with zeros and NaN, rounding
;; (nearest rounds half to even), sign operations on bits, comparisons,
;; conversions with their traps, the saturating truncations.
(module
  (func (export "f32.add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "f32.div") (param f32 f32) (result f32) (f32.div (local.get 0) (local.get 1)))
  (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "f32.max") (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1)))
  (func (export "f32.nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "f32.trunc") (param f32) (result f32) (f32.trunc (local.get 0)))
  (func (export "f32.ceil") (param f32) (result f32) (f32.ceil (local.get 0)))
  (func (export "f32.floor") (param f32) (result f32) (f32.floor (local.get 0)))
  (func (export "f32.sqrt") (param f32) (result f32) (f32.sqrt (local.get 0)))
  (func (export "f32.abs") (param f32) (result f32) (f32.abs (local.get 0)))
  (func (export "f32.neg") (param f32) (result f32) (f32.neg (local.get 0)))
  (func (export "f32.copysign") (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1)))
  (func (export "f32.eq") (param f32 f32) (result i32) (f32.eq (local.get 0) (local.get 1)))
  (func (export "f32.ne") (param f32 f32) (result i32) (f32.ne (local.get 0) (local.get 1)))
  (func (export "f32.lt") (param f32 f32) (result i32) (f32.lt (local.get 0) (local.get 1)))
  (func (export "f64.add") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func (export "f64.mul") (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
  (func (export "f64.min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
  (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func (export "f64.nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "f64.floor") (param f64) (result f64) (f64.floor (local.get 0)))
  (func (export "f64.sqrt") (param f64) (result f64) (f64.sqrt (local.get 0)))
  (func (export "f64.neg") (param f64) (result f64) (f64.neg (local.get 0)))
  (func (export "f64.abs") (param f64) (result f64) (f64.abs (local.get 0)))
  (func (export "f64.copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
  (func (export "f64.ge") (param f64 f64) (result i32) (f64.ge (local.get 0) (local.get 1)))
  (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "i32.trunc_f32_u") (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func (export "i32.trunc_f64_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "i32.trunc_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func (export "i64.trunc_f32_s") (param f32) (result i64) (i64.trunc_f32_s (local.get 0)))
  (func (export "i64.trunc_f64_s") (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func (export "i64.trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
  (func (export "i32.trunc_sat_f32_s") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func (export "i32.trunc_sat_f32_u") (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))
  (func (export "i32.trunc_sat_f64_s") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func (export "i32.trunc_sat_f64_u") (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func (export "i64.trunc_sat_f32_s") (param f32) (result i64) (i64.trunc_sat_f32_s (local.get 0)))
  (func (export "i64.trunc_sat_f32_u") (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func (export "i64.trunc_sat_f64_s") (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func (export "i64.trunc_sat_f64_u") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
  (func (export "f32.convert_i32_u") (param i32) (result f32) (f32.convert_i32_u (local.get 0)))
  (func (export "f32.convert_i64_s") (param i64) (result f32) (f32.convert_i64_s (local.get 0)))
  (func (export "f32.convert_i64_u") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
  (func (export "f64.convert_i64_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func (export "f64.convert_i32_s") (param i32) (result f64) (f64.convert_i32_s (local.get 0)))
  (func (export "f32.demote_f64") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
  (func (export "f64.promote_f32") (param f32) (result f64) (f64.promote_f32 (local.get 0)))
  (func (export "i32.reinterpret_f32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
  (func (export "f64.reinterpret_i64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))
  (func (export "f32.const") (result f32) (f32.const -0x1.8p-2))
  (func (export "f64.const") (result f64) (f64.const 0x1.fffffffffffffp+1023))
)
;; run f32.add f32:1.5 f32:2.25 -> f32:3.75
;; run f32.add f32:inf f32:-inf -> f32:nan
;; run f32.div f32:1 f32:0 -> f32:inf
;; run f32.div f32:-1 f32:0 -> f32:-inf
;; run f32.div f32:0 f32:0 -> f32:nan
;; run f32.min f32:-0 f32:0 -> f32b:0x80000000
;; run f32.min f32:0 f32:-0 -> f32b:0x80000000
;; run f32.max f32:-0 f32:0 -> f32b:0
;; run f32.max f32:0 f32:-0 -> f32b:0
;; run f32.min f32:nan f32:1 -> f32:nan
;; run f32.max f32:1 f32:nan -> f32:nan
;; run f32.min f32:-inf f32:3 -> f32:-inf
;; run f32.nearest f32:2.5 -> f32:2
;; run f32.nearest f32:3.5 -> f32:4
;; run f32.nearest f32:-0.5 -> f32b:0x80000000
;; run f32.trunc f32:-1.7 -> f32:-1
;; run f32.ceil f32:-0.5 -> f32b:0x80000000
;; run f32.floor f32:-0.5 -> f32:-1
;; run f32.sqrt f32:-1 -> f32:nan
;; run f32.sqrt f32:16 -> f32:4
;; run f32.abs f32b:0xffc00001 -> f32b:0x7fc00001
;; run f32.neg f32b:0x7fc00001 -> f32b:0xffc00001
;; run f32.neg f32:0 -> f32b:0x80000000
;; run f32.copysign f32:2 f32:-0 -> f32:-2
;; run f32.copysign f32b:0xffc00000 f32:1 -> f32b:0x7fc00000
;; run f32.eq f32:nan f32:nan -> i32:0
;; run f32.ne f32:nan f32:nan -> i32:1
;; run f32.eq f32:-0 f32:0 -> i32:1
;; run f32.lt f32:-0 f32:0 -> i32:0
;; run f64.add f64:0.1 f64:0.2 -> f64b:0x3fd3333333333334
;; run f64.mul f64:1e308 f64:10 -> f64:inf
;; run f64.min f64:-0 f64:0 -> f64b:0x8000000000000000
;; run f64.max f64:-0 f64:0 -> f64b:0
;; run f64.min f64:nan f64:-inf -> f64:nan
;; run f64.nearest f64:2.5 -> f64:2
;; run f64.nearest f64:-2.5 -> f64:-2
;; run f64.nearest f64:0.5 -> f64:0
;; run f64.nearest f64:4503599627370497 -> f64:4503599627370497
;; run f64.floor f64:-0 -> f64b:0x8000000000000000
;; run f64.sqrt f64:2 -> f64b:0x3ff6a09e667f3bcd
;; run f64.neg f64:1 -> f64:-1
;; run f64.abs f64b:0xfff8000000000001 -> f64b:0x7ff8000000000001
;; run f64.copysign f64:3 f64:-inf -> f64:-3
;; run f64.ge f64:nan f64:1 -> i32:0
;; run i32.trunc_f32_s f32:-1.9 -> i32:-1
;; run i32.trunc_f32_s f32:-2147483648 -> i32:0x80000000
;; trap i32.trunc_f32_s f32:2147483648 -> integer overflow*
;; trap i32.trunc_f32_s f32:-2147483904 -> integer overflow*
;; trap i32.trunc_f32_s f32:nan -> invalid conversion to integer*
;; run i32.trunc_f32_u f32:-0.9 -> i32:0
;; run i32.trunc_f32_u f32:4294967040 -> i32:-256
;; trap i32.trunc_f32_u f32:-1 -> integer overflow*
;; trap i32.trunc_f32_u f32:4294967296 -> integer overflow*
;; run i32.trunc_f64_s f64:2147483647.9 -> i32:0x7fffffff
;; run i32.trunc_f64_s f64:-2147483648.9 -> i32:0x80000000
;; trap i32.trunc_f64_s f64:2147483648 -> integer overflow*
;; trap i32.trunc_f64_s f64:-2147483649 -> integer overflow*
;; run i32.trunc_f64_u f64:4294967295.9 -> i32:-1
;; trap i32.trunc_f64_u f64:inf -> integer overflow*
;; run i64.trunc_f32_s f32:-9223372036854775808 -> i64:0x8000000000000000
;; trap i64.trunc_f32_s f32:9223372036854775808 -> integer overflow*
;; run i64.trunc_f64_s f64:-9223372036854775808 -> i64:0x8000000000000000
;; trap i64.trunc_f64_s f64:9223372036854775808 -> integer overflow*
;; trap i64.trunc_f64_s f64:-9223372036854777856 -> integer overflow*
;; run i64.trunc_f64_u f64:18446744073709549568 -> i64:0xfffffffffffff800
;; trap i64.trunc_f64_u f64:18446744073709551616 -> integer overflow*
;; trap i64.trunc_f64_u f64:nan -> invalid conversion to integer*
;; run i32.trunc_sat_f32_s f32:nan -> i32:0
;; run i32.trunc_sat_f32_s f32:1e10 -> i32:0x7fffffff
;; run i32.trunc_sat_f32_s f32:-1e10 -> i32:0x80000000
;; run i32.trunc_sat_f32_s f32:-3.9 -> i32:-3
;; run i32.trunc_sat_f32_u f32:-5 -> i32:0
;; run i32.trunc_sat_f32_u f32:1e10 -> i32:-1
;; run i32.trunc_sat_f64_s f64:-inf -> i32:0x80000000
;; run i32.trunc_sat_f64_u f64:4294967295.5 -> i32:-1
;; run i64.trunc_sat_f32_s f32:inf -> i64:0x7fffffffffffffff
;; run i64.trunc_sat_f32_u f32:-inf -> i64:0
;; run i64.trunc_sat_f64_s f64:-1e300 -> i64:0x8000000000000000
;; run i64.trunc_sat_f64_s f64:nan -> i64:0
;; run i64.trunc_sat_f64_u f64:1e300 -> i64:-1
;; run i64.trunc_sat_f64_u f64:12345.9 -> i64:12345
;; run f32.convert_i32_u i32:-1 -> f32:4294967296
;; run f32.convert_i64_s i64:-1 -> f32:-1
;; run f32.convert_i64_s i64:0x7fffff4000000001 -> f32b:0x5effffff
;; run f32.convert_i64_u i64:-1 -> f32:18446744073709551616
;; run f32.convert_i64_u i64:0x8000008000000001 -> f32b:0x5f000001
;; run f64.convert_i64_u i64:-1 -> f64:18446744073709551616
;; run f64.convert_i64_u i64:0x8000000000000401 -> f64b:0x43e0000000000001
;; run f64.convert_i32_s i32:-5 -> f64:-5
;; run f32.demote_f64 f64:1e300 -> f32:inf
;; run f32.demote_f64 f64:0x1.000001p0 -> f32:1
;; run f32.demote_f64 f64:0x1.000003p0 -> f32b:0x3f800002
;; run f64.promote_f32 f32:0.1 -> f64b:0x3fb99999a0000000
;; run i32.reinterpret_f32 f32:-0 -> i32:0x80000000
;; run f64.reinterpret_i64 i64:0x3ff0000000000000 -> f64:1
;; run f32.const -> f32:-0.375
;; run f64.const -> f64b:0x7fefffffffffffff
