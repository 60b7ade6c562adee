;; The benchmark module of bench/interp.sh (also a test: interp.bench).
;; weight(fid): a few arithmetic operations and a load from a table in
;; memory, like a cost lookup a script would make per function id.
;; count(n): a loop of n iterations, 6 instructions each.
(module
  (memory 1)
  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\05\00\00\00\08\00\00\00\0d\00\00\00\15\00\00\00\22\00\00\00")
  (func (export "weight") (param $fid i32) (result i32)
    (i32.add
      (i32.mul (i32.load (i32.shl (i32.and (local.get $fid) (i32.const 7)) (i32.const 2)))
               (i32.const 3))
      (i32.shr_u (local.get $fid) (i32.const 3))))
  (func (export "count") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
)
;; run weight i32:0 -> i32:3
;; run weight i32:3 -> i32:15
;; run weight i32:15 -> i32:103
;; run count i32:100 -> i32:5050
;; run count i32:10000000 -> i32:0x88896b40
