;; A WASI name imported with the wrong type is refused, not called.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
)
;; new-fails imports wasi_snapshot_preview1.fd_write with a type WASI does not give it
