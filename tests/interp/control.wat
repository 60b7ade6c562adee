;; Control: blocks with results and parameters, loops, if/else, br, br_if,
;; br_table (in range, default, out of range), return from nested blocks,
;; select and typed select, multi-value blocks and functions.
(module
  (type $pair (func (result i32 i32)))
  (type $i2i (func (param i32) (result i32)))
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done
      (loop $top
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $top)))
    (local.get $acc))
  (func (export "sign") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 0))
      (then (i32.const -1))
      (else (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 0))))))
  (func (export "if_no_else") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 5))
    (if (local.get 0) (then (local.set 1 (i32.const 7))))
    (local.get 1))
  (func (export "table") (param i32) (result i32)
    (block $d (block $c (block $b (block $a
      (br_table $a $b $c $d (local.get 0)))
      (return (i32.const 10)))
      (return (i32.const 11)))
      (return (i32.const 12)))
    (i32.const 13))
  (func (export "table_value") (param i32) (result i32)
    (block $outer (result i32)
      (drop (block $inner (result i32)
        (br_table $inner $outer (i32.const 100) (local.get 0))))
      (i32.const 200)))
  (func (export "early") (param i32) (result i32)
    (block (block (block
      (if (local.get 0) (then (return (i32.const 42)))))))
    (i32.const 0))
  (func (export "carry") (result i32)
    ;; a branch carries its value past others on the stack
    (i32.const 1)
    (block (result i32) (i32.const 2) (i32.const 3) (br 0))
    (i32.add))
  (func (export "select") (param i32) (result i32)
    (select (i32.const 10) (i32.const 20) (local.get 0)))
  (func (export "select_t") (param i32) (result i64)
    (select (result i64) (i64.const 10) (i64.const 20) (local.get 0)))
  (func (export "pair") (type $pair) (i32.const 1) (i32.const 2))
  (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
  (func (export "multi_block") (result i32)
    (block (type $pair) (i32.const 5) (i32.const 6))
    (i32.sub))
  (func (export "block_param") (param i32) (result i32)
    (local.get 0)
    (block (type $i2i) (i32.const 3) (i32.mul)))
  (func (export "loop_param") (param i32) (result i32)
    ;; counts the parameter down to 0 through the loop's own parameter
    (local.get 0)
    (loop $l (param i32) (result i32)
      (i32.sub (i32.const 1))
      (local.tee 0)
      (br_if $l (local.get 0))))
  (func (export "br_multi") (result i32 i64)
    (block $b (result i32 i64) (i32.const 7) (i64.const 8) (br $b))
    )
  (func (export "unreachable") (unreachable))
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "nop") (nop))
)
;; run sum i32:100 -> i32:5050
;; run sum i32:0 -> i32:0
;; run sign i32:-5 -> i32:-1
;; run sign i32:0 -> i32:0
;; run sign i32:9 -> i32:1
;; run if_no_else i32:0 -> i32:5
;; run if_no_else i32:1 -> i32:7
;; run table i32:0 -> i32:10
;; run table i32:1 -> i32:11
;; run table i32:2 -> i32:12
;; run table i32:3 -> i32:13
;; run table i32:4 -> i32:13
;; run table i32:-1 -> i32:13
;; run table_value i32:0 -> i32:200
;; run table_value i32:1 -> i32:100
;; run table_value i32:7 -> i32:100
;; run early i32:1 -> i32:42
;; run early i32:0 -> i32:0
;; run carry -> i32:4
;; run select i32:1 -> i32:10
;; run select i32:0 -> i32:20
;; run select_t i32:0 -> i64:20
;; run pair -> i32:1 i32:2
;; run swap i32:3 i32:4 -> i32:4 i32:3
;; run multi_block -> i32:-1
;; run block_param i32:5 -> i32:15
;; run loop_param i32:9 -> i32:0
;; run br_multi -> i32:7 i64:8
;; trap unreachable -> unreachable at 0x* in function 15
;; run fac i64:20 -> i64:2432902008176640000
;; run nop ->
