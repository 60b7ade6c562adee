(module
  (import "env" "host_thing" (func $h (result i32)))
  (func (export "f") (result i32) call $h))
