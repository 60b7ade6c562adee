;; FLAGS: --disable-bulk-memory --disable-reference-types --disable-multi-value --disable-sign-extension --disable-saturating-float-to-int --disable-simd
;; mvp.wat -- WebAssembly 1.0 (MVP) only, assembled and validated with every
;; post-MVP feature that wabt enables by default switched off.
;; Covers: type/import/function/global/export/start/element/data/code sections;
;; imports of all four kinds (func, table, memory, global; imported memory and
;; table so that no table/memory section appears); every MVP opcode 0x00-0xBF
;; (control, parametric, variable, memory with many align/offset encodings,
;; every numeric and conversion op); LEB128 edge constants (1/2/5-byte u32
;; offsets, sLEB sign boundaries, INT_MIN/INT_MAX); float constants with NaN
;; payloads, -0, infinities and subnormals (must survive a round trip bit-exactly);
;; stack-polymorphic code after unreachable/br/return/br_table; local runs.
(module
  (type $v_v (func))
  (type $i_v (func (param i32)))
  (type $i_i (func (param i32) (result i32)))
  (type $ii_i (func (param i32 i32) (result i32)))
  (type $all_f64 (func (param i32 i64 f32 f64) (result f64)))

  (import "env" "print_i32" (func $print_i32 (type $i_v)))
  (import "env" "callback" (func $callback (param i32 i32) (result i32)))
  (import "env" "table" (table $tab 4 16 funcref))
  (import "env" "memory" (memory $mem 1 2))
  (import "env" "g_const" (global $g_imp i32))
  (import "env" "g_mut" (global $g_imp_mut (mut i64)))
  (import "üñíçødé" "" (func $weird_names))

  (global $g0 (mut i32) (i32.const 0))
  (global $g1 i64 (i64.const -1))
  (global $g2 f32 (f32.const 3.5))
  (global $g3 (mut f64) (f64.const -0x1.8p+3))
  (global $g4 i32 (global.get $g_imp))

  (export "fac" (func $fac))
  (export "" (func $control))
  (export "table" (table $tab))
  (export "memory" (memory $mem))
  (export "g0" (global $g0))
  (export "g_mut_reexport" (global $g_imp_mut))
  (export "ünïcödé" (func $i32ops))

  (start $init)

  (elem (i32.const 0) $fac $control $i32ops)
  (elem (global.get $g_imp) $init)
  (elem (i32.const 3))

  (data (i32.const 0) "hello\00")
  (data (global.get $g_imp) "\de\ad\be\ef")
  (data (i32.const 1024) "")
  (data (i32.const 2048) "a" "b" "\00\01\02\ff")

  (func $init (type $v_v)
    (global.set $g0 (i32.const 42))
    (global.set $g_imp_mut (i64.const 0x7fffffffffffffff)))

  (func $fac (type $i_i)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (i32.const 1))
      (else (i32.mul (local.get 0) (call $fac (i32.sub (local.get 0) (i32.const 1)))))))

  (func $control (param $x i32) (result i32)
    (local $acc i32)
    nop
    block $done
      loop $again
        local.get $x
        i32.eqz
        br_if $done
        (local.set $x (i32.sub (local.get $x) (i32.const 1)))
        local.get $x
        i32.const 3
        i32.rem_u
        br_table 0 1 1 0 1 0   ;; mix of loop and block targets
      end
    end
    block $b (result i32)
      local.get $x
      i32.const 1
      i32.and
      if
        i32.const 7
        local.set $acc
      end
      local.get $acc
      local.get $x
      br_if $b
      drop
      i32.const 3
    end
    ;; stack-polymorphic code
    block (result i32)
      i32.const 1
      br 0
      i32.add
      unreachable
    end
    i32.add
    block (result f64)
      unreachable
      i64.eqz
      drop
      select
      f64.const 1
      f64.add
    end
    drop
    block
      local.get $x
      br_table 0 0 0
      call $print_i32
    end
    (if (local.get $x) (then (return (i32.const -1))))
    (select (i32.const 1) (i32.const 2) (local.get $x))
    i32.add
    (call_indirect (type $i_i) (i32.const 5) (i32.const 0))
    i32.add
    (call_indirect (type $ii_i) (i32.const 1) (i32.const 2) (i32.const 1))
    drop
    (call $callback (i32.const 1) (i32.const 2))
    i32.add
    call $weird_names
    return
    drop
    i32.const 0)

  (func $locals (param i32 i64) (result f64)
    (local i32 i32 i64 f32 f32 f32 f64 i32)
    (local $named f64)
    (local.set 2 (local.get 0))
    (local.set 4 (local.tee 1 (i64.const 5)))
    (local.set 5 (f32.const 1))
    (local.set $named (f64.convert_i64_s (local.get 4)))
    (global.set $g3 (local.get $named))
    (drop (global.get $g4))
    (drop (global.get $g1))
    (drop (global.get $g2))
    (local.get 8))

  (func $consts (result i32)
    i32.const 0 drop
    i32.const 63 drop
    i32.const 64 drop
    i32.const -64 drop
    i32.const -65 drop
    i32.const 127 drop
    i32.const 128 drop
    i32.const 8191 drop
    i32.const 8192 drop
    i32.const 2147483647 drop
    i32.const -2147483648 drop
    i32.const 0xffffffff drop
    i64.const 0 drop
    i64.const -1 drop
    i64.const 0x7fffffffffffffff drop
    i64.const -0x8000000000000000 drop
    i64.const 0x123456789abcdef0 drop
    f32.const 0 drop
    f32.const -0 drop
    f32.const inf drop
    f32.const -inf drop
    f32.const nan drop
    f32.const -nan drop
    f32.const nan:0x1 drop
    f32.const nan:0x200000 drop
    f32.const -nan:0x7fffff drop
    f32.const 0x1p-149 drop
    f32.const 0x1.fffffep+127 drop
    f64.const 0 drop
    f64.const -0 drop
    f64.const inf drop
    f64.const -inf drop
    f64.const nan drop
    f64.const -nan:0x1 drop
    f64.const nan:0x4000000000000 drop
    f64.const nan:0xfffffffffffff drop
    f64.const 0x0.0000000000001p-1022 drop
    f64.const 3.141592653589793 drop
    i32.const 0)

  (func $memory (param $p i32) (result i64)
    (drop (i32.load (local.get $p)))
    (drop (i32.load offset=0 align=1 (local.get $p)))
    (drop (i32.load offset=1 align=2 (local.get $p)))
    (drop (i32.load offset=127 align=4 (local.get $p)))
    (drop (i32.load offset=128 (local.get $p)))
    (drop (i32.load offset=65535 (local.get $p)))
    (drop (i32.load offset=4294967295 (local.get $p)))
    (drop (i64.load (local.get $p)))
    (drop (i64.load offset=8 align=1 (local.get $p)))
    (drop (i64.load align=4 (local.get $p)))
    (drop (f32.load offset=4 (local.get $p)))
    (drop (f64.load offset=8 align=8 (local.get $p)))
    (drop (i32.load8_s (local.get $p)))
    (drop (i32.load8_u offset=3 (local.get $p)))
    (drop (i32.load16_s align=1 (local.get $p)))
    (drop (i32.load16_u offset=2 align=2 (local.get $p)))
    (drop (i64.load8_s (local.get $p)))
    (drop (i64.load8_u (local.get $p)))
    (drop (i64.load16_s (local.get $p)))
    (drop (i64.load16_u align=1 (local.get $p)))
    (drop (i64.load32_s (local.get $p)))
    (drop (i64.load32_u offset=100 align=2 (local.get $p)))
    (i32.store (local.get $p) (i32.const 1))
    (i32.store offset=4 align=1 (local.get $p) (i32.const 1))
    (i64.store (local.get $p) (i64.const 1))
    (i64.store offset=16 align=2 (local.get $p) (i64.const 1))
    (f32.store (local.get $p) (f32.const 1))
    (f64.store offset=8 (local.get $p) (f64.const 1))
    (i32.store8 (local.get $p) (i32.const 1))
    (i32.store16 offset=2 (local.get $p) (i32.const 1))
    (i64.store8 offset=1 (local.get $p) (i64.const 1))
    (i64.store16 (local.get $p) (i64.const 1))
    (i64.store32 align=1 (local.get $p) (i64.const 1))
    (drop (memory.grow (i32.const 1)))
    (i64.extend_i32_u (memory.size)))

  (func $i32ops (param $a i32) (param $b i32) (result i32)
    (drop (i32.eqz (local.get $a)))
    (drop (i32.eq (local.get $a) (local.get $b)))
    (drop (i32.ne (local.get $a) (local.get $b)))
    (drop (i32.lt_s (local.get $a) (local.get $b)))
    (drop (i32.lt_u (local.get $a) (local.get $b)))
    (drop (i32.gt_s (local.get $a) (local.get $b)))
    (drop (i32.gt_u (local.get $a) (local.get $b)))
    (drop (i32.le_s (local.get $a) (local.get $b)))
    (drop (i32.le_u (local.get $a) (local.get $b)))
    (drop (i32.ge_s (local.get $a) (local.get $b)))
    (drop (i32.ge_u (local.get $a) (local.get $b)))
    (drop (i32.clz (local.get $a)))
    (drop (i32.ctz (local.get $a)))
    (drop (i32.popcnt (local.get $a)))
    (drop (i32.add (local.get $a) (local.get $b)))
    (drop (i32.sub (local.get $a) (local.get $b)))
    (drop (i32.mul (local.get $a) (local.get $b)))
    (drop (i32.div_s (local.get $a) (local.get $b)))
    (drop (i32.div_u (local.get $a) (local.get $b)))
    (drop (i32.rem_s (local.get $a) (local.get $b)))
    (drop (i32.rem_u (local.get $a) (local.get $b)))
    (drop (i32.and (local.get $a) (local.get $b)))
    (drop (i32.or (local.get $a) (local.get $b)))
    (drop (i32.xor (local.get $a) (local.get $b)))
    (drop (i32.shl (local.get $a) (local.get $b)))
    (drop (i32.shr_s (local.get $a) (local.get $b)))
    (drop (i32.shr_u (local.get $a) (local.get $b)))
    (drop (i32.rotl (local.get $a) (local.get $b)))
    (i32.rotr (local.get $a) (local.get $b)))

  (func $i64ops (param $a i64) (param $b i64) (result i64)
    (drop (i64.eqz (local.get $a)))
    (drop (i64.eq (local.get $a) (local.get $b)))
    (drop (i64.ne (local.get $a) (local.get $b)))
    (drop (i64.lt_s (local.get $a) (local.get $b)))
    (drop (i64.lt_u (local.get $a) (local.get $b)))
    (drop (i64.gt_s (local.get $a) (local.get $b)))
    (drop (i64.gt_u (local.get $a) (local.get $b)))
    (drop (i64.le_s (local.get $a) (local.get $b)))
    (drop (i64.le_u (local.get $a) (local.get $b)))
    (drop (i64.ge_s (local.get $a) (local.get $b)))
    (drop (i64.ge_u (local.get $a) (local.get $b)))
    (drop (i64.clz (local.get $a)))
    (drop (i64.ctz (local.get $a)))
    (drop (i64.popcnt (local.get $a)))
    (drop (i64.add (local.get $a) (local.get $b)))
    (drop (i64.sub (local.get $a) (local.get $b)))
    (drop (i64.mul (local.get $a) (local.get $b)))
    (drop (i64.div_s (local.get $a) (local.get $b)))
    (drop (i64.div_u (local.get $a) (local.get $b)))
    (drop (i64.rem_s (local.get $a) (local.get $b)))
    (drop (i64.rem_u (local.get $a) (local.get $b)))
    (drop (i64.and (local.get $a) (local.get $b)))
    (drop (i64.or (local.get $a) (local.get $b)))
    (drop (i64.xor (local.get $a) (local.get $b)))
    (drop (i64.shl (local.get $a) (local.get $b)))
    (drop (i64.shr_s (local.get $a) (local.get $b)))
    (drop (i64.shr_u (local.get $a) (local.get $b)))
    (drop (i64.rotl (local.get $a) (local.get $b)))
    (i64.rotr (local.get $a) (local.get $b)))

  (func $f32ops (param $a f32) (param $b f32) (result f32)
    (drop (f32.eq (local.get $a) (local.get $b)))
    (drop (f32.ne (local.get $a) (local.get $b)))
    (drop (f32.lt (local.get $a) (local.get $b)))
    (drop (f32.gt (local.get $a) (local.get $b)))
    (drop (f32.le (local.get $a) (local.get $b)))
    (drop (f32.ge (local.get $a) (local.get $b)))
    (drop (f32.abs (local.get $a)))
    (drop (f32.neg (local.get $a)))
    (drop (f32.ceil (local.get $a)))
    (drop (f32.floor (local.get $a)))
    (drop (f32.trunc (local.get $a)))
    (drop (f32.nearest (local.get $a)))
    (drop (f32.sqrt (local.get $a)))
    (drop (f32.add (local.get $a) (local.get $b)))
    (drop (f32.sub (local.get $a) (local.get $b)))
    (drop (f32.mul (local.get $a) (local.get $b)))
    (drop (f32.div (local.get $a) (local.get $b)))
    (drop (f32.min (local.get $a) (local.get $b)))
    (drop (f32.max (local.get $a) (local.get $b)))
    (f32.copysign (local.get $a) (local.get $b)))

  (func $f64ops (param $a f64) (param $b f64) (result f64)
    (drop (f64.eq (local.get $a) (local.get $b)))
    (drop (f64.ne (local.get $a) (local.get $b)))
    (drop (f64.lt (local.get $a) (local.get $b)))
    (drop (f64.gt (local.get $a) (local.get $b)))
    (drop (f64.le (local.get $a) (local.get $b)))
    (drop (f64.ge (local.get $a) (local.get $b)))
    (drop (f64.abs (local.get $a)))
    (drop (f64.neg (local.get $a)))
    (drop (f64.ceil (local.get $a)))
    (drop (f64.floor (local.get $a)))
    (drop (f64.trunc (local.get $a)))
    (drop (f64.nearest (local.get $a)))
    (drop (f64.sqrt (local.get $a)))
    (drop (f64.add (local.get $a) (local.get $b)))
    (drop (f64.sub (local.get $a) (local.get $b)))
    (drop (f64.mul (local.get $a) (local.get $b)))
    (drop (f64.div (local.get $a) (local.get $b)))
    (drop (f64.min (local.get $a) (local.get $b)))
    (drop (f64.max (local.get $a) (local.get $b)))
    (f64.copysign (local.get $a) (local.get $b)))

  (func $conversions (type $all_f64)
    (drop (i32.wrap_i64 (local.get 1)))
    (drop (i32.trunc_f32_s (local.get 2)))
    (drop (i32.trunc_f32_u (local.get 2)))
    (drop (i32.trunc_f64_s (local.get 3)))
    (drop (i32.trunc_f64_u (local.get 3)))
    (drop (i64.extend_i32_s (local.get 0)))
    (drop (i64.extend_i32_u (local.get 0)))
    (drop (i64.trunc_f32_s (local.get 2)))
    (drop (i64.trunc_f32_u (local.get 2)))
    (drop (i64.trunc_f64_s (local.get 3)))
    (drop (i64.trunc_f64_u (local.get 3)))
    (drop (f32.convert_i32_s (local.get 0)))
    (drop (f32.convert_i32_u (local.get 0)))
    (drop (f32.convert_i64_s (local.get 1)))
    (drop (f32.convert_i64_u (local.get 1)))
    (drop (f32.demote_f64 (local.get 3)))
    (drop (f64.convert_i32_s (local.get 0)))
    (drop (f64.convert_i32_u (local.get 0)))
    (drop (f64.convert_i64_s (local.get 1)))
    (drop (f64.convert_i64_u (local.get 1)))
    (drop (f64.promote_f32 (local.get 2)))
    (drop (i32.reinterpret_f32 (local.get 2)))
    (drop (i64.reinterpret_f64 (local.get 3)))
    (drop (f32.reinterpret_i32 (local.get 0)))
    (f64.reinterpret_i64 (local.get 1)))

  ;; a function with no locals, no params, empty body
  (func $empty)
)
