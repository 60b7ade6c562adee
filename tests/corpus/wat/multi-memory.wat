;; FLAGS: --enable-multi-memory --debug-names
;; multi-memory.wat -- multi-memory proposal: an imported memory plus three
;; defined memories (one exported); loads and stores with a memory index (the
;; memarg alignment field gets bit 6 set and a memidx follows), memory.size
;; and memory.grow with non-zero memory index, memory.copy between different
;; memories (two memidx immediates), memory.fill and memory.init on memory 2,
;; active data segments into memories 1, 2 and 3, SIMD load into memory 3.
(module
  (import "env" "mem0" (memory $m0 1))
  (memory $m1 1)
  (memory $m2 2 4)
  (memory $m3 (export "m3") 0 65536)
  (data (memory $m1) (i32.const 0) "in memory 1")
  (data (memory $m2) (i32.const 16) "in memory 2")
  (data (memory $m3) (i32.const 0) "")
  (data $p "passive")

  (func (export "copy") (param $n i32) (result i32)
    (i32.store $m1 (i32.const 0) (i32.load $m0 (i32.const 0)))
    (i32.store $m2 offset=8 align=2 (i32.const 0) (i32.load8_u $m1 offset=1 (i32.const 0)))
    (i64.store32 $m3 (i32.const 0) (i64.load $m2 offset=4294967295 align=1 (i32.const 0)))
    (f64.store 2 (i32.const 0) (f64.load 1 (i32.const 8)))
    (f32.store $m0 (i32.const 4) (f32.load $m0 (i32.const 4)))
    (v128.store $m3 offset=16 (i32.const 0) (v128.load $m1 (i32.const 0)))
    (v128.store8_lane $m2 1 (i32.const 0) (v128.load64_splat $m2 (i32.const 8)))
    (memory.copy $m1 $m2 (i32.const 0) (i32.const 16) (local.get $n))
    (memory.copy $m3 $m0 (i32.const 0) (i32.const 0) (i32.const 4))
    (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
    (memory.fill $m2 (i32.const 0) (i32.const 0x55) (i32.const 8))
    (memory.init $m2 $p (i32.const 0) (i32.const 0) (i32.const 7))
    (drop (memory.grow $m3 (i32.const 1)))
    (drop (memory.grow $m0 (i32.const 1)))
    (i32.add (memory.size $m2) (memory.size $m1)))
)
