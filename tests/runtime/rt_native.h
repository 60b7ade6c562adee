/* rt_native.h -- what the native runtime tests (test_map.c, test_alloc.c,
 * test_core.c, test_report.c) share: the tally of checks, the simulated
 * Wasm memory that core/runtime/mem.h maps addresses onto under
 * WHAMM_RT_NATIVE, a bump allocator for the
 * test's own data in its bottom pages (the part the emitter's state image
 * would occupy), and the WASI fd_write hook that collects the runtime's
 * output so a test can compare it with the text it expects. */
#ifndef WHAMM_TEST_RT_NATIVE_H
#define WHAMM_TEST_RT_NATIVE_H

#include "runtime/mem.h"
#include "runtime/runtime.h"

#include <stddef.h>
#include <stdint.h>

/* The tally of a test program: each check counts once; a failed one is
 * counted as failed and, when what is not NULL, named on stderr ("failed:
 * what").  Returns ok. */
int native_check(int ok, const char *what);
/* Prints the tally ("SUITE: N checks passed" or "F of N checks failed") and
 * returns the program's exit status. */
int native_done(const char *suite);

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

/* ---- the host's side of the report's WASI calls (test_report.c) ---------
 *
 * By default the environment is empty, there are no preopens, fd 1 is
 * kept (native_output) and fd 2 goes to the real stderr. */

/* The environment: n "NAME=value" strings (copied). */
void native_set_env(const char *const *vars, int n);
/* Preopened directories: names[i] is fd 3 + i (copied). */
void native_set_preopens(const char *const *names, int n);
/* fd_write on fd fails with err (0: works again; fd -1: every fd works
 * again); path_open fails with err when it is not 0. */
void native_fail_fd(int32_t fd, int32_t err);
void native_fail_open(int32_t err);
/* Keeps fd 2's text too (native_stderr) instead of passing it through. */
void native_capture_stderr(int on);
/* fd 2's text since the last call (capture on), NUL-terminated. */
const char *native_stderr(size_t *len);
/* The file opened last: "<dirfd>:<path>" as path_open got it, its text,
 * whether it was closed.  NULL before any open. */
const char *native_file(const char **text, size_t *len, int *closed);
/* Forgets the runtime's destination and failed fds (the runtime reads
 * the environment once per program; each test case is a new program). */
void native_reset_report(void);

/* Runs fn in a child process whose stderr is captured; returns 1 when the
 * child died by a signal (whamm_rt_fail traps) after writing exactly
 * want_stderr, else prints what happened and returns 0. */
int native_expect_fail(const char *what, void (*fn)(void),
                       const char *want_stderr);

#endif
