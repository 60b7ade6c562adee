;; A memory whose initial size is above the limit fails instantiation.
(module
  (memory 4)
)
;; limits mem=131072
;; new-fails memory 0 needs 4 pages, more than the 131072 bytes allowed
