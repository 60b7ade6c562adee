;; app.wat -- one function, for the library error cases.
(module
  (func $_start (export "_start"))
  (memory (export "memory") 1))
