;; FLAGS: --enable-tail-call
;; tail-calls.wat -- tail call proposal: return_call (0x12) and
;; return_call_indirect (0x13, with type index and table index, incl. a
;; non-zero table), in tail position of if-arms, blocks and function bodies.
(module
  (type $i64_i64 (func (param i64 i64) (result i64)))
  (table $t 2 funcref)
  (table $t2 1 funcref)
  (elem (table $t) (i32.const 0) func $fac_acc $even)
  (elem (table $t2) (i32.const 0) func $fac_acc)

  (func $fac (export "fac") (param $n i64) (result i64)
    (return_call $fac_acc (local.get $n) (i64.const 1)))

  (func $fac_acc (type $i64_i64)
    (if (result i64) (i64.le_u (local.get 0) (i64.const 1))
      (then (local.get 1))
      (else
        (return_call_indirect $t (type $i64_i64)
          (i64.sub (local.get 0) (i64.const 1))
          (i64.mul (local.get 0) (local.get 1))
          (i32.const 0)))))

  (func $even (type $i64_i64)
    (block (result i64)
      (br_if 0 (i64.const 1) (i64.eqz (local.get 0)))
      (return_call $odd (i64.sub (local.get 0) (i64.const 1)) (local.get 1))))

  (func $odd (type $i64_i64)
    (if (i64.eqz (local.get 0)) (then (return (i64.const 0))))
    (return_call_indirect $t2 (type $i64_i64) (local.get 0) (local.get 1) (i32.const 0)))
)
