/* driver.h -- the shared plumbing of the thin drivers whamm-ld, whamm-clang
 * and the wasm-opt shim: argument vectors, response-file
 * expansion, child processes with the exit status passed through, temp
 * files removed at exit, and `-###`-style printing of command lines.
 *
 * Strings handed to a StrVec are borrowed: they live in the caller's Arena
 * or in the process's argv/environment.  A driver run owns exactly one
 * Arena and frees it in one place.
 */
#ifndef WHAMM_DRIVER_H
#define WHAMM_DRIVER_H

#include "util/util.h"

#include <stdbool.h>
#include <stdio.h>

typedef VEC(const char *) StrVec;  /* an argv under construction */

/* Status codes of our own (children's statuses are passed through). */
enum {
    DRV_EXIT_USAGE = 2,     /* bad command line / environment */
    DRV_EXIT_NOEXEC = 127,  /* a child could not be started */
};

/* ---- argument vectors ------------------------------------------------ */
void drv_push(StrVec *v, const char *s);
void drv_push_all(StrVec *v, const StrVec *src);
/* A NULL-terminated copy for exec (free() it). */
char **drv_argv(const StrVec *v);

/* Expands `@file` arguments in place order (GNU rules: whitespace
 * separates, '…' is literal, "…" and bare text take backslash escapes,
 * nested @file allowed, at most 2000 files).  An `@x` whose file cannot
 * be read stays a literal argument.  Sets *expanded when any file was
 * read. */
void drv_expand_rsp(Arena *a, int argc, char **argv, StrVec *out,
                    bool *expanded);
/* Writes args as a response file (every argument double-quoted) that
 * wasm-ld and clang read back.  False (errno set) on I/O failure. */
WHAMM_NODISCARD bool drv_write_rsp(const char *path, const StrVec *args,
                                   size_t from);

/* ---- command lines ---------------------------------------------------- */
/* Prints ` "arg0" "arg1" …` + newline, the format of clang -###. */
void drv_print_cmd(FILE *out, const StrVec *argv);

/* Runs argv[0] (a path) with argv and waits.  Returns the exit status;
 * 128+N if killed by signal N; DRV_EXIT_NOEXEC (message printed, naming
 * `who`) if it could not be started.  With err_copy non-NULL the child's
 * stderr is passed through to ours as it arrives and also appended to
 * err_copy (so a caller can look for protocol lines). */
int drv_run(const char *who, const StrVec *argv, Buf *err_copy);
/* Where a child's stdout goes: ours, /dev/null, or our stderr (through
 * the err_copy pipe when there is one, so the order of lines is kept). */
typedef enum { DRV_OUT_KEEP, DRV_OUT_NULL, DRV_OUT_STDERR } DrvStdout;
/* drv_run with the child's stdout sent where `out` says; with echo_err
 * false the child's stderr is only collected in err_copy (the caller
 * decides later whether to show it). */
int drv_run_out(const char *who, const StrVec *argv, Buf *err_copy,
                DrvStdout out, bool echo_err);

/* ---- temp files ------------------------------------------------------- */
/* Registers a path to unlink at exit (and on drv_cleanup()). */
void drv_tmp_register(const char *path);
/* Forgets a registered path (after it was renamed into place). */
void drv_tmp_forget(const char *path);
void drv_cleanup(void);
/* On SIGINT/SIGTERM/SIGHUP: forward the signal to the child drv_run is
 * waiting for and wait for it, unlink the registered files, then die of
 * the signal (so make/ninja see an interrupted tool, not a stale temp or
 * a half-finished output).  A signal ignored at start stays ignored. */
void drv_cleanup_on_signals(void);
/* Creates an empty file `dir/prefixXXXXXXsuffix` (mkstemps), registers
 * it for removal and returns its path (in a), or NULL (errno set). */
char *drv_tmp_create(Arena *a, const char *dir, const char *prefix,
                     const char *suffix);

/* ---- paths and environment --------------------------------------------- */
/* Reports each WHAMM_* variable named like one whamm reads but none of
 * them (prov_env_typo: WHAMM_SCRIPT for WHAMM_SCRIPTS) on stderr as
 * `who: warning: ...` (`error` with as_error), and takes it out of the
 * environment so the programs run next do not report it again.  Returns
 * how many. */
uint32_t drv_check_env(const char *who, bool as_error);
/* Real path of the running executable and its directory (in a). */
const char *drv_self_exe(Arena *a);
const char *drv_dirname(Arena *a, const char *path);
const char *drv_basename(const char *path);
const char *drv_join(Arena *a, const char *dir, const char *name);
/* True if both paths exist and resolve to the same file. */
bool drv_same_file(const char *a, const char *b);
bool drv_is_executable(const char *path);
/* First executable `name` in PATH that is not `self` (by realpath). */
const char *drv_find_in_path(Arena *a, const char *name, const char *self);
/* An env flag is on when set, non-empty and not "0". */
bool drv_env_flag(const char *name);
const char *drv_env(const char *name);  /* NULL when unset or empty */
bool drv_starts_with(const char *s, const char *prefix);

#endif
