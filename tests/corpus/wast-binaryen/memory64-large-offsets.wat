;; FLAGS:
;; memory64-large-offsets.wat -- the parts of memory64 that wat2wasm 1.0.32
;; cannot assemble (binaryen wasm-as --all-features): memarg offsets above
;; 4 GiB, up to 2^64-1 (u64 LEBs of 5..10 bytes), and 64-bit tables (table
;; limits flag 0x04/0x05, i64 table indices for call_indirect, table.get/set/
;; size/grow/fill/copy).
(module
  (type $v_i (func (result i32)))
  (memory $m i64 1 65536)
  (table $t64 i64 4 funcref)
  (table $t64max i64 2 100 funcref)
  (elem (table $t64) (i64.const 0) func $f)

  (func $f (type $v_i) (i32.const 7))

  (func (export "offsets") (param $a i64) (result i64)
    (drop (i32.load offset=4294967296 (local.get $a)))
    (drop (i64.load offset=0xffffffffff align=1 (local.get $a)))
    (drop (i32.load8_u offset=0x7fffffffffffffff (local.get $a)))
    (drop (f64.load offset=0xffffffffffffffff (local.get $a)))
    (drop (v128.load offset=0x100000000 (local.get $a)))
    (i64.store offset=0x123456789abcdef0 (local.get $a) (i64.const 1))
    (i32.atomic.store offset=0x200000000 (local.get $a) (i32.const 1))
    (i64.load offset=0x800000000000 (local.get $a)))

  (func (export "tables") (param $i i64) (result i32)
    (table.set $t64 (local.get $i) (ref.func $f))
    (drop (table.get $t64 (i64.const 0)))
    (drop (table.grow $t64 (ref.null func) (i64.const 1)))
    (table.fill $t64 (i64.const 0) (ref.func $f) (i64.const 2))
    (table.copy $t64max $t64 (i64.const 0) (i64.const 0) (i64.const 1))
    (drop (table.size $t64max))
    (call_indirect $t64 (type $v_i) (local.get $i)))
)
