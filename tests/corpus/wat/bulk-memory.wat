;; FLAGS:
;; bulk-memory.wat -- bulk memory operations (0xFC 8..17): memory.init,
;; data.drop, memory.copy, memory.fill, table.init, elem.drop, table.copy,
;; passive data and element segments, and the datacount section they require.
(module
  (memory 1)
  (table $t 8 funcref)
  (table $t2 8 funcref)
  (data $d0 "\01\02\03\04")
  (data $d1 (i32.const 100) "active")
  (data $d2 "")
  (elem $e0 func $a $b)
  (elem $e1 funcref (ref.func $b) (ref.null func))
  (elem (i32.const 0) $a)

  (func $a)
  (func $b)

  (func (export "run") (param $n i32)
    (memory.init $d0 (i32.const 0) (i32.const 1) (i32.const 3))
    (memory.init 2 (local.get $n) (i32.const 0) (i32.const 0))
    (data.drop $d0)
    (data.drop $d1)
    (memory.copy (i32.const 10) (i32.const 0) (local.get $n))
    (memory.fill (i32.const 20) (i32.const 0xAA) (i32.const 16))
    (table.init $e0 (i32.const 1) (i32.const 0) (i32.const 2))
    (table.init $t2 $e1 (i32.const 0) (i32.const 0) (i32.const 2))
    (elem.drop $e0)
    (elem.drop 2)
    (table.copy (i32.const 4) (i32.const 0) (i32.const 2))
    (table.copy $t2 $t (i32.const 0) (i32.const 1) (i32.const 1))
    (table.copy $t $t2 (i32.const 0) (i32.const 1) (i32.const 1)))
)
