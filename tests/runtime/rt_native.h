/* rt_native.h -- what the native runtime tests (test_map.c, test_alloc.c,
 * test_core.c) share: the simulated Wasm memory that core/runtime/mem.h
 * maps addresses onto under WHAMM_RT_NATIVE, a bump allocator for the
 * test's own data in its bottom pages (the part the emitter's state image
 * would occupy), and the WASI fd_write hook that collects the runtime's
 * output so a test can compare it with the text it expects. */
#ifndef WHAMM_TEST_RT_NATIVE_H
#define WHAMM_TEST_RT_NATIVE_H

#include "runtime/mem.h"
#include "runtime/runtime.h"

#include <stddef.h>
#include <stdint.h>

/* Creates the simulated memory: `pages` pages in use (the test's data,
 * page 0 included so address 0 is never handed out), up to max_pages. */
void native_init(uint32_t pages, uint32_t max_pages);
/* Test data in the bottom pages: size bytes aligned to align, zeroed. */
uint32_t native_alloc(uint32_t size, uint32_t align);
/* A copy of s (with its NUL) in the simulated memory. */
uint32_t native_cstr(const char *s);
uint32_t native_bytes(const void *bytes, uint32_t len);

/* Flushes the runtime's buffer and returns everything written to stdout
 * since the last call (NUL-terminated; valid until the next call). */
const char *native_output(size_t *len);
/* Compares native_output() with want; prints both on a mismatch.  Returns
 * 1 when they are equal. */
int native_expect_output(const char *what, const char *want, size_t want_len);

/* Runs fn in a child process whose stderr is captured; returns 1 when the
 * child died by a signal (whamm_rt_fail traps) after writing exactly
 * want_stderr, else prints what happened and returns 0. */
int native_expect_fail(const char *what, void (*fn)(void),
                       const char *want_stderr);

#endif
