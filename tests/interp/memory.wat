;; Loads and stores of every width, offsets, bounds traps (including an
;; address + offset that wraps past 4 GiB), memory.size and memory.grow
;; up to the declared maximum, data segments.
(module
  (memory 1 3)
  (data (i32.const 16) "\01\02\03\04\05\06\07\08\ff\fe")
  (func $load32 (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "load32_off") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "load8_u") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load16_s") (param i32) (result i32) (i32.load16_s (local.get 0)))
  (func (export "load16_u") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "i64.load8_s") (param i32) (result i64) (i64.load8_s (local.get 0)))
  (func (export "i64.load16_s") (param i32) (result i64) (i64.load16_s (local.get 0)))
  (func (export "i64.load32_s") (param i32) (result i64) (i64.load32_s (local.get 0)))
  (func (export "i64.load32_u") (param i32) (result i64) (i64.load32_u (local.get 0)))
  (func (export "f32.load") (param i32) (result f32) (f32.load (local.get 0)))
  (func (export "f64.load") (param i32) (result f64) (f64.load (local.get 0)))
  (func (export "far") (param i32) (result i32) (i32.load offset=0xfffffff0 (local.get 0)))
  (func (export "store32") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1)))
  (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
  (func (export "i64.store32") (param i32 i64) (i64.store32 (local.get 0) (local.get 1)))
  (func (export "i64.store8") (param i32 i64) (i64.store8 offset=1 (local.get 0) (local.get 1)))
  (func (export "f32.store") (param i32 f32) (f32.store (local.get 0) (local.get 1)))
  (func (export "f64.store") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
;; run load32 i32:16 -> i32:0x04030201
;; run load32_off i32:16 -> i32:0x08070605
;; run load64 i32:16 -> i64:0x0807060504030201
;; run load8_s i32:24 -> i32:-1
;; run load8_u i32:24 -> i32:255
;; run load16_s i32:24 -> i32:0xfffffeff
;; run load16_u i32:24 -> i32:0xfeff
;; run i64.load8_s i32:25 -> i64:-2
;; run i64.load16_s i32:24 -> i64:-257
;; run i64.load32_s i32:22 -> i64:0xfffffffffeff0807
;; run i64.load32_u i32:22 -> i64:0xfeff0807
;; run load32 i32:65532 -> i32:0
;; trap load32 i32:65533 -> out of bounds memory access at 0x* in function 0 (load32)*
;; trap load32 i32:-1 -> out of bounds memory access*
;; trap load32_off i32:65530 -> out of bounds memory access*
;; trap far i32:0x20 -> out of bounds memory access*
;; trap load64 i32:65529 -> out of bounds memory access*
;; run store32 i32:100 i32:0xdeadbeef ->
;; run load32 i32:100 -> i32:0xdeadbeef
;; run store8 i32:100 i32:0x1ff ->
;; run load32 i32:100 -> i32:0xdeadbeff
;; run store16 i32:102 i32:0x12345678 ->
;; run load32 i32:100 -> i32:0x5678beff
;; run store64 i32:200 i64:0x1122334455667788 ->
;; run load64 i32:200 -> i64:0x1122334455667788
;; run i64.store32 i32:200 i64:0xaaaaaaaabbbbbbbb ->
;; run load64 i32:200 -> i64:0x11223344bbbbbbbb
;; run i64.store8 i32:200 i64:0xcc ->
;; run load64 i32:200 -> i64:0x11223344bbbbccbb
;; run f32.store i32:300 f32:1.5 ->
;; run f32.load i32:300 -> f32:1.5
;; run f64.store i32:300 f64:-2.25 ->
;; run f64.load i32:300 -> f64:-2.25
;; trap store32 i32:65533 i32:1 -> out of bounds memory access*
;; trap store64 i32:65535 i64:1 -> out of bounds memory access*
;; run size -> i32:1
;; run grow i32:1 -> i32:1
;; run size -> i32:2
;; run load32 i32:131068 -> i32:0
;; run store32 i32:131068 i32:7 ->
;; run load32 i32:131068 -> i32:7
;; run grow i32:2 -> i32:-1
;; run grow i32:1 -> i32:2
;; run grow i32:0 -> i32:3
;; run grow i32:1 -> i32:-1
;; run size -> i32:3
