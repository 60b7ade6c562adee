;; FLAGS:
;; empty.wat -- the smallest valid module: just the 8-byte header
;; (magic + version), no sections at all.
(module)
