;; app.wat -- e2e case top-grow-mixed: memory.size and memory.grow of an
;; app whose memory 0 has 1 page and a maximum of 4, each next to
;; instructions that are not skipped by their first byte (a br_table, a
;; block typed by a type index, prefixed opcodes, call_indirect, a typed
;; select, v128.const) and in bodies the scripts do not probe ($pick,
;; $grow) as well as in one they do ($start).  Each answer goes to
;; $check.  Function indices: check 0, grow 1, pick 2, start 3.
(module
  (type $grow1 (func (param i32) (result i32)))
  (memory (export "memory") 1 4)
  (table 1 funcref)
  (elem (i32.const 0) $grow)
  (func $check (param i32))
  (func $grow (type $grow1)
    (memory.grow (local.get 0)))
  ;; k = 0: memory.size; k = 1: memory.grow 1
  (func $pick (param $k i32) (result i32)
    block $out (result i32)
      block $b
        block $a
          local.get $k
          br_table $a $b $b
        end
        memory.size
        br $out
      end
      i32.const 1
      memory.grow
    end)
  (func $start (export "_start") (local $x i32)
    f32.const 2.5
    i32.trunc_sat_f32_s
    local.set $x
    local.get $x
    block (type $grow1)
      drop
      memory.size
    end
    call $check
    i32.const 0
    call $pick
    call $check
    i32.const 1
    call $pick
    call $check
    i32.const 65536
    i32.const 7
    i32.const 16
    memory.fill
    memory.size
    call $check
    i32.const 0
    i32.load8_u offset=65540
    call $check
    i32.const 1
    i32.const 0
    call_indirect (type $grow1)
    call $check
    i32.const 1
    i32.const 5
    local.get $x
    select (result i32)
    memory.grow
    call $check
    v128.const i32x4 0 3 0 0
    i32x4.extract_lane 1
    memory.grow
    call $check
    i32.const 0
    memory.grow
    call $check
    i32.const 196604
    i32.load
    call $check
    memory.size
    call $check))
