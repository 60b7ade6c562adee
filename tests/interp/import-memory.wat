;; An imported memory cannot be provided either.
(module
  (import "env" "memory" (memory 1))
)
;; new-fails imports env.memory, which cannot be provided at instrumentation time
