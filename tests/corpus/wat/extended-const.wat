;; FLAGS: --enable-extended-const
;; extended-const.wat -- extended constant expressions: global initialisers,
;; element and data segment offsets using i32/i64 add, sub and mul together
;; with global.get of imported (and, per the proposal, earlier defined)
;; globals, nested several levels deep (long constant expressions).
(module
  (import "env" "base" (global $base i32))
  (import "env" "base64" (global $base64 i64))
  (memory 1)
  (table 10 funcref)
  (global $a i32 (i32.add (global.get $base) (i32.const 16)))
  (global $b i32 (i32.sub (i32.mul (global.get $base) (i32.const 4)) (i32.const 1)))
  (global $c i64 (i64.mul (i64.add (global.get $base64) (i64.const 8)) (i64.sub (i64.const 100) (global.get $base64))))
  (global $d (mut i32)
    (i32.add (i32.add (i32.add (i32.const 1) (i32.const 2)) (i32.mul (i32.const 3) (i32.const 4)))
             (i32.sub (global.get $base) (i32.const -2147483648))))
  (global $e i64 (i64.add (i64.const 0x7fffffffffffffff) (i64.const 1)))
  (elem (offset (i32.add (global.get $base) (i32.const 2))) $f)
  (data (offset (i32.mul (global.get $base) (i32.const 2))) "ext-const")
  (data (offset (i32.sub (i32.const 1024) (global.get $base))) "x")
  (func $f (result i64)
    (i64.add (global.get $c) (i64.extend_i32_s (i32.add (global.get $a) (i32.add (global.get $b) (global.get $d))))))
)
