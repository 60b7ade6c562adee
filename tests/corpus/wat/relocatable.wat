;; FLAGS: -r
;; relocatable.wat -- a relocatable object file as consumed by wasm-ld
;; (wat2wasm -r): "linking" custom section (symbol table, segment info) and a
;; "reloc.Code" custom section after the sections; relocatable immediates
;; (call targets, global.get/set indices, call_indirect type indices) written
;; as padded 5-byte LEBs so that a linker can patch them in place.
(module
  (type $i_i (func (param i32) (result i32)))
  (import "env" "ext" (func $ext (param i32) (result i32)))
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (memory 1)
  (table 2 funcref)
  (global $counter (mut i32) (i32.const 0))
  (elem (i32.const 0) $helper)
  (data (i32.const 16) "relocated string\00")
  (data (i32.const 64) "\10\00\00\00")
  (func $helper (type $i_i)
    (i32.add (local.get 0) (i32.const 1)))
  (func $entry (export "entry") (param $x i32) (result i32)
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (drop (call $ext (i32.const 16)))
    (drop (i32.load (i32.const 64)))
    (call_indirect (type $i_i) (local.get $x) (i32.const 0)))
)
