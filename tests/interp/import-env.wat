;; A function import other than the WASI subset cannot be provided.
(module
  (import "env" "host_fn" (func (param i32)))
  (func (export "f") (result i32) (i32.const 1))
)
;; new-fails imports env.host_fn, which cannot be provided at instrumentation time
