;; FLAGS: -g
;; exnref.wat -- the final exception-handling proposal ("exnref", binaryen
;; wasm-as --all-features; wat2wasm 1.0.32 lacks try_table): tag section with
;; imported/exported tags, exnref value type (0x69) in locals/params/results
;; and globals, throw (0x08), throw_ref (0x0A), and try_table (0x1F) with all
;; four catch clause kinds: catch (0x00), catch_ref (0x01), catch_all (0x02),
;; catch_all_ref (0x03), several clauses per try_table, multi-value tag
;; payloads, and try_table with empty, single-value and multi-value
;; (type-index) blocktypes.
(module
  (type $payload (func (param i32 i64)))
  (import "env" "ext_tag" (tag $ext (param f64)))
  (import "env" "may_throw" (func $may_throw))
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (export "e2") (type $payload))
  (global $saved (mut exnref) (ref.null noexn))

  (func $thrower (param $x i32)
    (if (i32.eqz (local.get $x)) (then (throw $e0)))
    (if (i32.eq (local.get $x) (i32.const 1)) (then (throw $e1 (local.get $x))))
    (if (i32.eq (local.get $x) (i32.const 2)) (then (throw $e2 (local.get $x) (i64.const 2))))
    (throw $ext (f64.const 3)))

  (func $catch_all_kinds (export "catch_all_kinds") (param $x i32) (result i32)
    (local $exn exnref)
    (block $h0
      (block $h1 (result i32)
        (block $h2 (result i32 i64 exnref)
          (block $h3 (result exnref)
            (try_table (catch $e0 $h0) (catch $e1 $h1) (catch_ref $e2 $h2) (catch_all_ref $h3)
              (call $thrower (local.get $x)))
            (return (i32.const 0)))
          ;; catch_all_ref landed here with an exnref
          (local.set $exn)
          (global.set $saved (local.get $exn))
          (return (i32.const 3)))
        ;; catch_ref $e2: [i32 i64 exnref]
        (local.set $exn)
        (drop)
        (return))
      (return))
    (i32.const 100))

  (func $rethrow (export "rethrow") (param $x i32) (result i32)
    (block $h (result exnref)
      (try_table (result i32) (catch_all_ref $h)
        (call $thrower (local.get $x))
        (i32.const 1))
      (return))
    (throw_ref))

  (func $catch_all (export "catch_all")
    (block $any
      (try_table (catch_all $any)
        (call $may_throw))))

  (func $multi_try (param i32 i64) (result i32 i64)
    (block $caught (result i32 i64)
      (try_table (result i32 i64) (catch $e2 $caught)
        (throw $e2 (local.get 0) (local.get 1))))
    (return))

  (func $rethrow_saved (export "rethrow_saved")
    (throw_ref (global.get $saved)))
)
