;; FLAGS: --enable-threads --enable-multi-memory
;; threads-defined-memory.wat -- a defined (not imported) shared memory next
;; to an unshared one, a passive data segment (as used by threaded toolchains
;; to initialise memory once), exported shared memory, atomics on memory 1
;; (atomic memargs with a memory index).  Atomics name their memory by NUMBER:
;; wat2wasm 1.0.32 aborts (assertion in Var::index) on `$name` memory operands
;; of atomic instructions.
(module
  (memory $priv 1)
  (memory $sh (export "shared") 1 16 shared)
  (data $init "\00\00\00\00hello")
  (func (export "init") (param $p i32)
    (if (i32.eqz (i32.atomic.rmw.cmpxchg 1 (i32.const 0) (i32.const 0) (i32.const 1)))
      (then
        (memory.init $sh $init (i32.const 0) (i32.const 0) (i32.const 9))
        (drop (memory.atomic.notify 1 (i32.const 0) (i32.const -1)))
        (data.drop $init))
      (else
        (drop (memory.atomic.wait32 1 (i32.const 0) (i32.const 1) (i64.const -1)))))
    (i64.atomic.store 1 offset=8 (local.get $p) (i64.atomic.load 1 (i32.const 16)))
    (i32.store $priv (i32.const 0) (i32.atomic.load8_u 1 (i32.const 4))))
)
