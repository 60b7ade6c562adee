;; FLAGS: --enable-memory64 --enable-multi-memory --enable-threads
;; memory64.wat -- memory64 proposal: i64-indexed memories (limits flags
;; 0x04 min only, 0x05 min+max; limits encoded as u64 LEBs, max > 2^32), an
;; imported i64 memory, i64 addresses for loads/stores of every kind incl.
;; v128, memory.size/grow/fill/copy/init with i64 operands, data segments with
;; i64.const offsets, next to a plain i32 memory (multi-memory) and a shared
;; i64 memory (limits flag 0x07, needs threads) used by an atomic op.
;; Offsets go up to 0xffffffff (5-byte LEB): wat2wasm 1.0.32 rejects memarg
;; offsets > 0xffffffff, so offsets beyond 4 GiB (u64 LEBs up to 10 bytes)
;; are in ../wast-binaryen/memory64-large-offsets.wat.
(module
  (import "env" "mem64" (memory $imp i64 1))
  (memory $m i64 2 0x100000000)
  (memory $small 1)
  (memory $shared64 i64 1 10 shared)   ;; limits flags 0x07 (needs threads)
  (data (memory $m) (i64.const 0x10) "memory64 data")
  (data (memory $m) (i64.const 0) "")
  (data $p "passive")

  (func (export "m64") (param $a i64) (result i64)
    (drop (i32.load $m (local.get $a)))
    (drop (i32.load $m offset=4294967295 (local.get $a)))
    (drop (i64.load $m offset=0xfffffff0 align=1 (local.get $a)))
    (drop (i64.load $imp offset=0x80000000 (local.get $a)))
    (drop (f32.load $m (local.get $a)))
    (drop (f64.load $m (local.get $a)))
    (drop (i32.load8_s $m (local.get $a)))
    (drop (i32.load16_u $m offset=2 (local.get $a)))
    (drop (i64.load32_s $m (local.get $a)))
    (drop (v128.load $m offset=0x10000000 (local.get $a)))
    (i32.store $m (local.get $a) (i32.const 1))
    (i64.store $m offset=0xffffffff align=8 (local.get $a) (i64.const 1))
    (i64.store8 $m (local.get $a) (i64.const 1))
    (f64.store $imp (local.get $a) (f64.const 1))
    (v128.store $m (local.get $a) (v128.const i64x2 1 2))
    (memory.fill $m (local.get $a) (i32.const 0) (i64.const 16))
    (memory.copy $m $m (i64.const 0) (local.get $a) (i64.const 8))
    (memory.copy $m $imp (i64.const 0) (i64.const 0) (i64.const 8))
    (memory.init $m $p (local.get $a) (i32.const 0) (i32.const 7))
    (drop (memory.grow $m (i64.const 1)))
    (drop (i32.load $small (i32.const 0)))
    (drop (i64.atomic.rmw.add 3 (i64.const 8) (i64.const 1)))
    (i64.add (memory.size $m) (memory.size $imp)))
)
