;; FLAGS: --enable-annotations --enable-code-metadata
;; code-metadata.wat -- code metadata annotations (branch hints):
;; wat2wasm writes a "metadata.code.branch_hint" custom section placed BEFORE
;; the code section (between function and code sections), whose entries refer
;; to byte offsets inside function bodies.  A rewriter that changes code must
;; update or drop it; a plain round trip must keep it byte-identical.
(module
  (func $hinted (export "hinted") (param $x i32) (result i32)
    local.get $x
    (@metadata.code.branch_hint "\01")
    if (result i32)
      i32.const 1
    else
      i32.const 3
      local.get $x
      (@metadata.code.branch_hint "\00")
      br_if 0
      drop
      i32.const 2
    end)
  (func $other (param $x i32) (result i32)
    (block $b (result i32)
      (local.get $x)
      local.get $x
      (@metadata.code.branch_hint "\01")
      br_if $b
      (@metadata.code.custom_hint "anything")
      drop
      (i32.const 0)))
)
