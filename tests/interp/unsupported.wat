;; Instructions outside the supported set stop the call with an error that
;; names the instruction, its module offset and the function; functions
;; without them still run.  (Offsets checked with wasm-objdump -d.)
(module
  (memory 1 1 shared)
  (func $simd (export "simd") (result i32)
    (i32x4.extract_lane 0 (i32x4.splat (i32.const 1))))
  (func $atomic (export "atomic") (result i32)
    (i32.atomic.load (i32.const 0)))
  (func $tail (export "tail") (result i32)
    (return_call $fine))
  (func $fine (export "fine") (result i32) (i32.const 7))
  (func $late (export "late") (param i32) (result i32)
    (if (local.get 0) (then (return (i32.const 3))))
    (v128.const i64x2 0 0)
    (drop)
    (i32.const 4))
  (func $exn (export "exn") (result i32)
    (try (result i32) (do (i32.const 1)) (catch_all (i32.const 2))))
)
;; trap simd -> cannot run 'i32x4.splat' at 0x58 in function 0 (simd)
;; trap atomic -> cannot run 'i32.atomic.load' at 0x62 in function 1 (atomic)
;; trap tail -> cannot run 'return_call' at 0x69 in function 2 (tail)
;; run fine -> i32:7
;; run late i32:1 -> i32:3
;; trap late i32:0 -> cannot run 'v128.const' at 0x7b in function 4 (late)
;; trap exn -> cannot run 'try' at 0x93 in function 5 (exn)
