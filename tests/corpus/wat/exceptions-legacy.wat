;; FLAGS: --enable-exceptions
;; exceptions-legacy.wat -- the legacy ("phase 3") exception handling
;; proposal as shipped by toolchains: tag section (13, between memory and
;; global), tag import and export (external kind 4), throw (0x08), try (0x06)
;; with catch (0x07), catch_all (0x19), rethrow (0x09) and delegate (0x18),
;; try with multi-value and empty block types, nested try/delegate to outer
;; labels and to the caller (delegate to function depth).
(module
  (type $t_i32 (func (param i32)))
  (import "env" "imported_tag" (tag $imp (param i32 i64)))
  (import "env" "may_throw" (func $may_throw))
  (memory 1)
  (tag $e0)
  (tag $e1 (param i32))
  (tag $e2 (type $t_i32))
  (tag $e3 (export "e3") (param f64 i64 i32))
  (global $g (mut i32) (i32.const 0))

  (func $thrower (param $x i32)
    (if (i32.eqz (local.get $x)) (then (throw $e0)))
    (if (i32.eq (local.get $x) (i32.const 1)) (then (throw $e1 (local.get $x))))
    (if (i32.eq (local.get $x) (i32.const 2)) (then (throw $e3 (f64.const 1) (i64.const 2) (i32.const 3))))
    (throw $imp (local.get $x) (i64.const 7)))

  (func (export "catcher") (param $x i32) (result i32)
    (try (result i32)
      (do (call $thrower (local.get $x)) (i32.const 0))
      (catch $e0 (i32.const 100))
      (catch $e1 (i32.add (i32.const 200)))
      (catch $e3 (drop) (drop) (drop) (i32.const 300))
      (catch_all (i32.const 400))))

  (func (export "rethrower") (param $x i32) (result i32)
    (try (result i32)
      (do
        (try
          (do (call $thrower (local.get $x)))
          (catch $e1
            (global.set $g)
            (rethrow 0))
          (catch_all
            (try
              (do (call $may_throw))
              (catch_all (rethrow 1)))))
        (i32.const 0))
      (catch_all (global.get $g))))

  (func (export "delegator") (param $x i32) (result i32)
    (try $outer (result i32)
      (do
        (try
          (do
            (try (do (call $thrower (local.get $x))) (delegate $outer))
            (try (do (call $may_throw)) (delegate 0)))
          (catch_all))
        (try (do (call $may_throw)) (delegate 1))  ;; depth 1 = function label: delegate to the caller
        (i32.const 1))
      (catch $imp (drop) (drop) (i32.const 2))))

  (func (export "empty_try")
    (try (do))
    (try (do) (catch_all))
    (try (do nop) (catch $e0) (catch $e2 (drop))))

  (func (export "multi") (param i32 i64) (result i64 i32)
    (local.get 0) (local.get 1)
    (try (param i32 i64) (result i64 i32)
      (do (throw $imp))
      (catch $imp (local.set 1) (local.set 0) (local.get 1) (local.get 0))))
)
