;; app.wat -- wei-target case static-calls, the app of e2e case lib-static:
;; two call sites, one in a loop that runs
;; four times.  Byte offsets (whamm's pc): the locals take 3 bytes (01 01
;; 7f), loop 2, so the first call is at 5; then local.get 2, i32.const 2,
;; i32.add 1, local.tee 2, i32.const 2, i32.lt_u 1, br_if 2, end 1: the
;; second call is at 20.
(module
  (func $f)
  (func $_start (export "_start")
    (local $i i32)
    loop $l
      call $f
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 4
      i32.lt_u
      br_if $l
    end
    call $f)
  (memory (export "memory") 1))
