;; kinds.wat -- a position-independent library (what wasm-ld -shared makes,
;; written by hand; tests/merge/CMakeLists.txt appends its dylink.0 section:
;; 64 bytes of memory, aligned to 16) whose code names every kind of index
;; the merge renumbers or rewrites, so that a mistake in any of them changes
;; what it prints or makes the output invalid:
;;   calls to its own functions, return_call, a call of an import bound to
;;   the module's fd_write; global.get/set of a defined global and of
;;   __stack_pointer; reads of __memory_base and __table_base (constants
;;   once merged; one right before a load, whose offset takes it); a block
;;   with a type index and br_table; loads and stores of i32, i64, f32, f64
;;   and v128 (every operand type a store may have to set aside);
;;   memory.size, memory.grow, memory.fill and memory.copy; a data segment
;;   at __memory_base.
;;
;;   rt_bump(n)   adds n to five counters: an i64, an f64 and an f32 in
;;                memory, lane 2 of a v128 in memory, the global $calls
;;                (by one)
;;   rt_report()  prints "rt:" then, each after a space, the five counters
;;                ($calls read through a return_call and again through
;;                $pick's typed block and br_table), memory.size after
;;                memory.grow 1 minus what memory.grow returned (1), and
;;                the byte memory.fill wrote minus '0' plus __table_base (7)
;;
;; Memory, from __memory_base: 0 "rt: " (data), 8 i64, 16 f64, 24 f32,
;; 32 v128.  rt_report's frame (64 bytes on the stack): 0 the iovec,
;; 8 fd_write's count, 16.. the text, 56 the bytes memory.fill writes.
(module
  (type $fd_write_t (func (param i32 i32 i32 i32) (result i32)))
  (type $pass (func (param i32) (result i32)))
  (import "env" "memory" (memory 1))
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "__table_base" (global $tb i32))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (type $fd_write_t)))
  (global $calls (mut i32) (i32.const 0))
  (data (global.get $mb) "rt: ")

  (func $__wasm_call_ctors (export "__wasm_call_ctors"))

  (func $rt_bump (export "rt_bump") (param $n i32)
    (local $p i32)
    global.get $mb
    global.get $mb
    i64.load offset=8
    local.get $n
    i64.extend_i32_u
    i64.add
    i64.store offset=8
    global.get $mb
    global.get $mb
    f64.load offset=16
    local.get $n
    f64.convert_i32_u
    f64.add
    f64.store offset=16
    global.get $mb
    global.get $mb
    f32.load offset=24
    local.get $n
    f32.convert_i32_u
    f32.add
    f32.store offset=24
    global.get $mb
    i32.const 32
    i32.add
    local.tee $p
    local.get $p
    v128.load
    i32.const 0
    i32.const 0
    local.get $n
    i32.const 0
    call $lanes
    i32x4.add
    v128.store
    global.get $calls
    i32.const 1
    i32.add
    global.set $calls)

  ;; a v128 of four i32 lanes
  (func $lanes (param i32 i32 i32 i32) (result v128)
    local.get 0
    i32x4.splat
    local.get 1
    i32x4.replace_lane 1
    local.get 2
    i32x4.replace_lane 2
    local.get 3
    i32x4.replace_lane 3)

  (func $get_calls (result i32)
    global.get $calls)

  (func $count_calls (result i32)
    return_call $get_calls)

  ;; v, through a block typed by index and a br_table on k
  (func $pick (param $k i32) (param $v i32) (result i32)
    local.get $v
    (block $out (type $pass) (param i32) (result i32)
      local.get $k
      br_table $out $out))

  ;; writes " <v>" at `at`; returns its length
  (func $put_num (param $at i32) (param $v i32) (result i32)
    (local $n i32) (local $t i32) (local $i i32)
    local.get $v
    local.set $t
    i32.const 1
    local.set $n
    block $done
      loop $count
        local.get $t
        i32.const 10
        i32.lt_u
        br_if $done
        local.get $t
        i32.const 10
        i32.div_u
        local.set $t
        local.get $n
        i32.const 1
        i32.add
        local.set $n
        br $count
      end
    end
    local.get $at
    i32.const 32
    i32.store8
    local.get $n
    local.set $i
    loop $digit
      local.get $at
      local.get $i
      i32.add
      local.get $v
      i32.const 10
      i32.rem_u
      i32.const 48
      i32.add
      i32.store8
      local.get $v
      i32.const 10
      i32.div_u
      local.set $v
      local.get $i
      i32.const 1
      i32.sub
      local.tee $i
      br_if $digit
    end
    local.get $n
    i32.const 1
    i32.add)

  ;; appends " <v>" to the text of the frame at f, which has len bytes
  (func $append (param $f i32) (param $len i32) (param $v i32) (result i32)
    local.get $f
    i32.const 16
    i32.add
    local.get $len
    i32.add
    local.get $v
    call $put_num
    local.get $len
    i32.add)

  (func $rt_report (export "rt_report")
    (local $f i32) (local $len i32) (local $old i32)
    global.get $sp
    i32.const 64
    i32.sub
    local.tee $f
    global.set $sp
    local.get $f
    i32.const 16
    i32.add
    global.get $mb
    i32.const 4
    memory.copy
    i32.const 3
    local.set $len
    local.get $f
    local.get $len
    global.get $mb
    i64.load offset=8
    i32.wrap_i64
    call $append
    local.set $len
    local.get $f
    local.get $len
    global.get $mb
    f64.load offset=16
    i32.trunc_f64_u
    call $append
    local.set $len
    local.get $f
    local.get $len
    global.get $mb
    f32.load offset=24
    i32.trunc_f32_u
    call $append
    local.set $len
    local.get $f
    local.get $len
    global.get $mb
    v128.load offset=32
    i32x4.extract_lane 2
    call $append
    local.set $len
    local.get $f
    local.get $len
    call $count_calls
    call $append
    local.set $len
    local.get $f
    local.get $len
    i32.const 1
    global.get $calls
    call $pick
    call $append
    local.set $len
    i32.const 1
    memory.grow
    local.set $old
    local.get $f
    local.get $len
    memory.size
    local.get $old
    i32.sub
    call $append
    local.set $len
    local.get $f
    i32.const 56
    i32.add
    i32.const 55
    i32.const 4
    memory.fill
    local.get $f
    local.get $len
    local.get $f
    i32.load8_u offset=58
    i32.const 48
    i32.sub
    global.get $tb
    i32.add
    call $append
    local.set $len
    local.get $f
    i32.const 16
    i32.add
    local.get $len
    i32.add
    i32.const 10
    i32.store8
    local.get $f
    local.get $f
    i32.const 16
    i32.add
    i32.store
    local.get $f
    local.get $len
    i32.const 1
    i32.add
    i32.store offset=4
    i32.const 1
    local.get $f
    i32.const 1
    local.get $f
    i32.const 8
    i32.add
    call $fd_write
    drop
    local.get $f
    i32.const 64
    i32.add
    global.set $sp))
