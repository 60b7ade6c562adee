;; readable.wat -- the module of app.hex as text (documentation only: wabt
;; 1.0.32 cannot assemble try_table; gen-app.py writes the bytes).
;; fids: thrower 0, fail 1, catcher 2, catcher2 3, catcher3 4, _start 5.
(module
  (type $i_i (func (param i32) (result i32)))
  (type $tag (func (param i32)))
  (type $v (func))
  (tag $e (type $tag))
  (export "_start" (func $_start))
  ;; throws $e 42 when x == 0, else returns x
  (func $thrower (type $i_i)
    (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 42))))
    (local.get 0))
  ;; throws $e x
  (func $fail (type $i_i) (throw $e (local.get 0)))
  ;; catcher, catcher2, catcher3: call fail / thrower / thrower; returns
  ;; its result, or the payload + 100 when it throws
  (func $catcher (type $i_i)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h) (call $fail (local.get 0)))
      (return))
    (i32.add (i32.const 100)))
  (func $catcher2 (type $i_i)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h) (call $thrower (local.get 0)))
      (return))
    (i32.add (i32.const 100)))
  (func $catcher3 (type $i_i)
    (block $h (result i32)
      (try_table (result i32) (catch $e $h) (call $thrower (local.get 0)))
      (return))
    (i32.add (i32.const 100)))
  ;; unreachable unless every call gives what the probes make of it
  (func $_start (type $v)
    (if (i32.ne (call $catcher (i32.const 3)) (i32.const 3)) (then unreachable))
    (if (i32.ne (call $catcher (i32.const 4)) (i32.const 104)) (then unreachable))
    (if (i32.ne (call $catcher2 (i32.const 1)) (i32.const 77)) (then unreachable))
    (if (i32.ne (call $catcher2 (i32.const 0)) (i32.const 142)) (then unreachable))
    (if (i32.ne (call $catcher2 (i32.const 9)) (i32.const 9)) (then unreachable))
    (if (i32.ne (call $catcher3 (i32.const 0)) (i32.const 55)) (then unreachable))
    (if (i32.ne (call $catcher3 (i32.const 9)) (i32.const 55)) (then unreachable))))
