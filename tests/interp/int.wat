;; Integer instructions: arithmetic, comparisons, bit counts, shifts and
;; rotations, division traps, sign extension, wrap/extend.
(module
  (func (export "i32.add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "i32.sub") (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
  (func (export "i32.mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "i32.rem_u") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "i32.and") (param i32 i32) (result i32) (i32.and (local.get 0) (local.get 1)))
  (func (export "i32.or") (param i32 i32) (result i32) (i32.or (local.get 0) (local.get 1)))
  (func (export "i32.xor") (param i32 i32) (result i32) (i32.xor (local.get 0) (local.get 1)))
  (func (export "i32.shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
  (func (export "i32.shr_s") (param i32 i32) (result i32) (i32.shr_s (local.get 0) (local.get 1)))
  (func (export "i32.shr_u") (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
  (func (export "i32.rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func (export "i32.rotr") (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
  (func (export "i32.clz") (param i32) (result i32) (i32.clz (local.get 0)))
  (func (export "i32.ctz") (param i32) (result i32) (i32.ctz (local.get 0)))
  (func (export "i32.popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "i32.eqz") (param i32) (result i32) (i32.eqz (local.get 0)))
  (func (export "i32.lt_s") (param i32 i32) (result i32) (i32.lt_s (local.get 0) (local.get 1)))
  (func (export "i32.lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
  (func (export "i32.ge_s") (param i32 i32) (result i32) (i32.ge_s (local.get 0) (local.get 1)))
  (func (export "i32.extend8_s") (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func (export "i32.extend16_s") (param i32) (result i32) (i32.extend16_s (local.get 0)))
  (func (export "i64.add") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "i64.mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "i64.div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
  (func (export "i64.rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "i64.rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
  (func (export "i64.shl") (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))
  (func (export "i64.shr_s") (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
  (func (export "i64.shr_u") (param i64 i64) (result i64) (i64.shr_u (local.get 0) (local.get 1)))
  (func (export "i64.rotl") (param i64 i64) (result i64) (i64.rotl (local.get 0) (local.get 1)))
  (func (export "i64.rotr") (param i64 i64) (result i64) (i64.rotr (local.get 0) (local.get 1)))
  (func (export "i64.clz") (param i64) (result i64) (i64.clz (local.get 0)))
  (func (export "i64.ctz") (param i64) (result i64) (i64.ctz (local.get 0)))
  (func (export "i64.popcnt") (param i64) (result i64) (i64.popcnt (local.get 0)))
  (func (export "i64.eqz") (param i64) (result i32) (i64.eqz (local.get 0)))
  (func (export "i64.lt_s") (param i64 i64) (result i32) (i64.lt_s (local.get 0) (local.get 1)))
  (func (export "i64.gt_u") (param i64 i64) (result i32) (i64.gt_u (local.get 0) (local.get 1)))
  (func (export "i64.extend8_s") (param i64) (result i64) (i64.extend8_s (local.get 0)))
  (func (export "i64.extend16_s") (param i64) (result i64) (i64.extend16_s (local.get 0)))
  (func (export "i64.extend32_s") (param i64) (result i64) (i64.extend32_s (local.get 0)))
  (func (export "i64.extend_i32_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func (export "i64.extend_i32_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func (export "i32.wrap_i64") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
)
;; run i32.add i32:1 i32:2 -> i32:3
;; run i32.add i32:0x7fffffff i32:1 -> i32:0x80000000
;; run i32.sub i32:0 i32:1 -> i32:-1
;; run i32.mul i32:0x10000 i32:0x10000 -> i32:0
;; run i32.mul i32:-3 i32:7 -> i32:-21
;; run i32.div_s i32:-7 i32:2 -> i32:-3
;; run i32.div_s i32:7 i32:-2 -> i32:-3
;; trap i32.div_s i32:1 i32:0 -> integer divide by zero at 0x* in function 3
;; trap i32.div_s i32:0x80000000 i32:-1 -> integer overflow*
;; run i32.div_u i32:-1 i32:2 -> i32:0x7fffffff
;; trap i32.div_u i32:1 i32:0 -> integer divide by zero*
;; run i32.rem_s i32:-7 i32:2 -> i32:-1
;; run i32.rem_s i32:0x80000000 i32:-1 -> i32:0
;; trap i32.rem_s i32:1 i32:0 -> integer divide by zero*
;; run i32.rem_u i32:-1 i32:10 -> i32:5
;; trap i32.rem_u i32:1 i32:0 -> integer divide by zero*
;; run i32.and i32:0xff00 i32:0x0ff0 -> i32:0x0f00
;; run i32.or i32:0xff00 i32:0x0ff0 -> i32:0xfff0
;; run i32.xor i32:0xff00 i32:0x0ff0 -> i32:0xf0f0
;; run i32.shl i32:1 i32:31 -> i32:0x80000000
;; run i32.shl i32:1 i32:32 -> i32:1
;; run i32.shl i32:1 i32:33 -> i32:2
;; run i32.shr_s i32:0x80000000 i32:31 -> i32:-1
;; run i32.shr_s i32:-8 i32:1 -> i32:-4
;; run i32.shr_s i32:0x40000000 i32:30 -> i32:1
;; run i32.shr_s i32:-1 i32:0 -> i32:-1
;; run i32.shr_u i32:0x80000000 i32:31 -> i32:1
;; run i32.shr_u i32:-1 i32:36 -> i32:0x0fffffff
;; run i32.rotl i32:0x80000001 i32:1 -> i32:3
;; run i32.rotl i32:0x12345678 i32:36 -> i32:0x23456781
;; run i32.rotr i32:3 i32:1 -> i32:0x80000001
;; run i32.rotr i32:0x12345678 i32:0 -> i32:0x12345678
;; run i32.clz i32:0 -> i32:32
;; run i32.clz i32:1 -> i32:31
;; run i32.clz i32:0x80000000 -> i32:0
;; run i32.ctz i32:0 -> i32:32
;; run i32.ctz i32:0x80000000 -> i32:31
;; run i32.popcnt i32:-1 -> i32:32
;; run i32.popcnt i32:0x55 -> i32:4
;; run i32.eqz i32:0 -> i32:1
;; run i32.eqz i32:5 -> i32:0
;; run i32.lt_s i32:-1 i32:0 -> i32:1
;; run i32.lt_u i32:-1 i32:0 -> i32:0
;; run i32.ge_s i32:0x80000000 i32:0x7fffffff -> i32:0
;; run i32.extend8_s i32:0x80 -> i32:-128
;; run i32.extend8_s i32:0x17f -> i32:127
;; run i32.extend16_s i32:0x8000 -> i32:-32768
;; run i32.extend16_s i32:0x12347fff -> i32:0x7fff
;; run i64.add i64:0xffffffffffffffff i64:1 -> i64:0
;; run i64.mul i64:0x100000000 i64:0x100000000 -> i64:0
;; run i64.mul i64:-5 i64:3 -> i64:-15
;; run i64.div_s i64:-7 i64:2 -> i64:-3
;; trap i64.div_s i64:0x8000000000000000 i64:-1 -> integer overflow*
;; trap i64.div_s i64:5 i64:0 -> integer divide by zero*
;; run i64.div_u i64:-1 i64:2 -> i64:0x7fffffffffffffff
;; trap i64.div_u i64:5 i64:0 -> integer divide by zero*
;; run i64.rem_s i64:0x8000000000000000 i64:-1 -> i64:0
;; run i64.rem_s i64:-7 i64:2 -> i64:-1
;; trap i64.rem_s i64:7 i64:0 -> integer divide by zero*
;; run i64.rem_u i64:-1 i64:10 -> i64:5
;; trap i64.rem_u i64:7 i64:0 -> integer divide by zero*
;; run i64.shl i64:1 i64:63 -> i64:0x8000000000000000
;; run i64.shl i64:1 i64:64 -> i64:1
;; run i64.shr_s i64:0x8000000000000000 i64:63 -> i64:-1
;; run i64.shr_s i64:-16 i64:2 -> i64:-4
;; run i64.shr_u i64:0x8000000000000000 i64:63 -> i64:1
;; run i64.rotl i64:0x8000000000000001 i64:1 -> i64:3
;; run i64.rotr i64:1 i64:1 -> i64:0x8000000000000000
;; run i64.rotr i64:0x0123456789abcdef i64:68 -> i64:0xf0123456789abcde
;; run i64.clz i64:0 -> i64:64
;; run i64.clz i64:1 -> i64:63
;; run i64.ctz i64:0 -> i64:64
;; run i64.ctz i64:0x8000000000000000 -> i64:63
;; run i64.popcnt i64:-1 -> i64:64
;; run i64.eqz i64:0 -> i32:1
;; run i64.eqz i64:0x100000000 -> i32:0
;; run i64.lt_s i64:-1 i64:0 -> i32:1
;; run i64.gt_u i64:-1 i64:0 -> i32:1
;; run i64.extend8_s i64:0xff -> i64:-1
;; run i64.extend16_s i64:0x8000 -> i64:-32768
;; run i64.extend32_s i64:0x80000000 -> i64:-2147483648
;; run i64.extend32_s i64:0x17fffffff -> i64:0x7fffffff
;; run i64.extend_i32_s i32:-1 -> i64:-1
;; run i64.extend_i32_u i32:-1 -> i64:0xffffffff
;; run i32.wrap_i64 i64:0x123456789 -> i32:0x23456789
