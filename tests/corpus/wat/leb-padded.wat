;; FLAGS: --no-canonicalize-leb128s --debug-names
;; leb-padded.wat -- NON-CANONICAL LEB128 encodings: wat2wasm
;; --no-canonicalize-leb128s writes every section size, function body size and
;; custom/name subsection size as a padded 5-byte LEB (0x80 0x80 0x80 0x80
;; 0x00 style).  A byte-exact round trip must preserve the padding (or, at
;; least, the reader must accept it).  The content is a small but varied module.
(module
  (type $i_i (func (param i32) (result i32)))
  (import "env" "f" (func $imp (type $i_i)))
  (memory 1)
  (table 2 funcref)
  (global $g (mut i32) (i32.const 0))
  (export "run" (func $run))
  (elem (i32.const 0) $run $imp)
  (data (i32.const 0) "padded")
  (func $run (type $i_i)
    (local i64 f64)
    (global.set $g (call $imp (local.get 0)))
    (block $b (result i32)
      (br_if $b (i32.const 1) (local.get 0))
      (drop)
      (call_indirect (type $i_i) (global.get $g) (i32.const 1))))
)
