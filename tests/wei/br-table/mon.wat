;; mon.wat -- wei case br-table: br_table's immediates and probe_id.  Each
;; probe prints its values separated by spaces, one line per call.  The
;; exports that are not probes (memory, $two_labels, $seen, wasm:exit)
;; come first: they take no probe_id.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; prints v in decimal, then the byte sep
  (func $put (param $v i32) (param $sep i32)
    (local $p i32)
    (local.set $p (i32.const 64))
    (i32.store8 (local.get $p) (local.get $sep))
    (loop $l
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $l (local.get $v)))
    (i32.store (i32.const 100) (local.get $p))
    (i32.store (i32.const 104) (i32.sub (i32.const 65) (local.get $p)))
    (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1)
                          (i32.const 108))))
  ;; the predicate: br_tables with one label besides the default
  (func (export "$two_labels") (param $n i32) (result i32)
    (i32.eq (local.get $n) (i32.const 1)))
  ;; probe 1's predicate: prints imm0 while binding (printed when the
  ;; program starts) and keeps the site
  (func (export "$seen") (param $n i32) (result i32)
    (call $put (local.get $n) (i32.const 10))
    (i32.const 1))
  (func (export "wasm:exit")
    (call $put (i32.const 99) (i32.const 10)))
  ;; probe 0: every br_table
  (func (export "wasm:opcode:br_table(probe_id, imm0, imm1, arg0)")
    (param $id i32) (param $n i32) (param $first i32) (param $x i32)
    (call $put (local.get $id) (i32.const 32))
    (call $put (local.get $n) (i32.const 32))
    (call $put (local.get $first) (i32.const 32))
    (call $put (local.get $x) (i32.const 10)))
  ;; probe 1: br_tables with a fourth label (imm4): $four's only; its
  ;; predicate is not called at $two's
  (func (export "wasm:opcode:br_table / $seen(imm0) / (probe_id, imm4, arg0)")
    (param $id i32) (param $l3 i32) (param $x i32)
    (call $put (local.get $id) (i32.const 32))
    (call $put (local.get $l3) (i32.const 32))
    (call $put (local.get $x) (i32.const 10)))
  ;; probe 2: where $two_labels(imm0) holds: $two's br_table, whose imm2
  ;; is its default
  (func (export "wasm:opcode:br_table / $two_labels(imm0) / (probe_id, imm2)")
    (param $id i32) (param $l1 i32)
    (call $put (local.get $id) (i32.const 32))
    (call $put (local.get $l1) (i32.const 10))))
