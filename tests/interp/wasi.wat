;; The WASI subset: fd_write to fd 1 and 2 reaches the output (other fds
;; give EBADF), random_get is reproducible, the clock advances 1 µs per
;; query, args/environ are empty, fd_fdstat_get, fd_seek, fd_close, and
;; proc_exit ends the call with its code.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\00\01\00\00\06\00\00\00")   ;; iovec {256, 6}
  (data (i32.const 256) "hello\n")
  (func (export "write") (param i32) (result i32)
    (call $fd_write (local.get 0) (i32.const 8) (i32.const 1) (i32.const 16)))
  (func (export "written") (result i32) (i32.load (i32.const 16)))
  (func (export "write_bad_ptr") (result i32)
    (call $fd_write (i32.const 1) (i32.const 65535) (i32.const 1) (i32.const 16)))
  (func (export "random") (result i64)
    (drop (call $random_get (i32.const 32) (i32.const 8)))
    (i64.load (i32.const 32)))
  (func (export "clock") (result i64)
    (drop (call $clock (i32.const 1) (i64.const 0) (i32.const 40)))
    (i64.load (i32.const 40)))
  (func (export "args") (result i32)
    (i32.store (i32.const 48) (i32.const 99))
    (drop (call $args_sizes (i32.const 48) (i32.const 52)))
    (i32.load (i32.const 48)))
  (func (export "fdstat") (param i32) (result i32)
    (if (result i32) (call $fdstat (local.get 0) (i32.const 64))
      (then (i32.const -1))
      (else (i32.load8_u (i32.const 64)))))
  (func (export "seek") (result i32) (call $seek (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 96)))
  (func (export "close") (result i32) (call $close (i32.const 1)))
  (func (export "exit") (call $exit (i32.const 3)) (unreachable))
)
;; run write i32:2 -> i32:0
;; run written -> i32:6
;; output hello
;; run write i32:1 -> i32:0
;; run write i32:5 -> i32:8
;; run write_bad_ptr -> i32:21
;; run clock -> i64:1000
;; run clock -> i64:2000
;; run args -> i32:0
;; run fdstat i32:1 -> i32:2
;; run fdstat i32:7 -> i32:-1
;; run seek -> i32:70
;; run close -> i32:0
;; trap exit -> the library called proc_exit(3) at 0x* in function 17
