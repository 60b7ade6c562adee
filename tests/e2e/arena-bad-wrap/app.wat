;; app.wat -- e2e case arena-bad-wrap: an app that announces an arena through the
;; exported global __whamm_arena that whamm must refuse (see NOTES).
(module
  (memory (export "memory") 1)
  (global (export "__whamm_arena") i32 (i32.const -8))
  (data (i32.const 1024) "hello")
  (func $f)
  (func (export "_start") (call $f)))
