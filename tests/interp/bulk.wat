;; Bulk memory: memory.fill, memory.copy (overlapping both ways),
;; memory.init from a passive segment, data.drop, and their bounds traps;
;; table.init / elem.drop / table.copy.
(module
  (memory 1)
  (data $p "hello, world")
  (table 4 funcref)
  (elem $e func $a $b)
  (func $a (result i32) (i32.const 10))
  (func $b (result i32) (i32.const 20))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $p))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "tinit") (param i32 i32 i32) (table.init $e (local.get 0) (local.get 1) (local.get 2)))
  (func (export "edrop") (elem.drop $e))
  (func (export "tcopy") (param i32 i32 i32) (table.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
)
;; run fill i32:10 i32:0x1ab i32:3 ->
;; run load32 i32:10 -> i32:0x00ababab
;; run fill i32:65535 i32:1 i32:1 ->
;; run fill i32:65536 i32:1 i32:0 ->
;; trap fill i32:65536 i32:1 i32:1 -> out of bounds memory access*
;; trap fill i32:65537 i32:1 i32:0 -> out of bounds memory access*
;; run init i32:100 i32:0 i32:5 ->
;; run load32 i32:100 -> i32:0x6c6c6568
;; run load8 i32:104 -> i32:0x6f
;; run init i32:200 i32:7 i32:5 ->
;; run load8 i32:200 -> i32:0x77
;; trap init i32:200 i32:8 i32:5 -> out of bounds memory access*
;; run init i32:200 i32:12 i32:0 ->
;; run copy i32:101 i32:100 i32:4 ->
;; run load32 i32:100 -> i32:0x6c656868
;; run copy i32:100 i32:101 i32:4 ->
;; run load32 i32:100 -> i32:0x6c6c6568
;; trap copy i32:65534 i32:0 i32:4 -> out of bounds memory access*
;; run drop ->
;; trap init i32:100 i32:0 i32:1 -> out of bounds memory access*
;; run init i32:100 i32:0 i32:0 ->
;; run tinit i32:1 i32:0 i32:2 ->
;; run call i32:1 -> i32:10
;; run call i32:2 -> i32:20
;; run tcopy i32:0 i32:1 i32:2 ->
;; run call i32:0 -> i32:10
;; trap tinit i32:3 i32:0 i32:2 -> out of bounds table access*
;; run edrop ->
;; trap tinit i32:0 i32:0 i32:1 -> out of bounds table access*
