/* ld.h -- whamm-ld's pieces: its options (parsed from wasm-ld's command
 * line plus the WHAMM_* environment), the arena object and the link /
 * instrument steps.  The protocol with `whamm instr` is described in
 * docs/integration.md ("The instrumentation seam").
 */
#ifndef WHAMM_LD_H
#define WHAMM_LD_H

#include "driver.h"

#define LD_ARENA_SYMBOL "__whamm_arena"
#define LD_ARENA_DEFAULT ((size_t)64 * 1024)
#define LD_ARENA_MAX ((size_t)1 << 30)
/* `whamm instr` exits with this status and prints LD_NEED_PREFIX N
 * " bytes" when the reserved arena is too small. */
#define LD_EXIT_ARENA 3
#define LD_NEED_PREFIX "whamm: arena too small: need "

typedef struct {
    StrVec args;           /* wasm-ld's arguments, ours removed (no argv0) */
    StrVec scripts;        /* command-line scripts, then WHAMM_SCRIPTS */
    uint32_t cli_scripts;  /* how many of them came from the command line */
    StrVec libs;           /* NAME=PATH: --whamm-lib, then WHAMM_LIBS */
    StrVec monitors;       /* wei monitors: --whamm-monitor, then
                            * WHAMM_MONITORS; attached after the link */
    uint32_t cli_monitors; /* how many of them came from the command line */
    const char *defs_path; /* --whamm-defs-path / WHAMM_DEFS_PATH or NULL */
    const char *output;    /* -o value, wasm-ld's default "a.out" */
    size_t arena_size;     /* bytes to reserve (WHAMM_ARENA_SIZE) */
    const char *report_format; /* csv / json, or NULL (whamm's default) */
    bool verbose;          /* --whamm-verbose / WHAMM_VERBOSE */
    bool werror;           /* --whamm-werror / WHAMM_WERROR: `instr --werror` */
    bool exact_traps;      /* --whamm-exact-traps / WHAMM_EXACT_TRAPS */
    bool disable;          /* --whamm-disable / WHAMM_DISABLE */
    bool dry_run;          /* -### / --whamm-dry-run: print, run nothing */
    bool relocatable;      /* -r / --relocatable: never instrumented */
    bool shared;           /* --shared: not instrumented (warning) */
    bool query;            /* --version / --help: plain pass-through */
    bool rsp;              /* arguments arrived in a response file */
    bool help;             /* --whamm-help was printed: do nothing else */
} LdOptions;

/* Parses argv (argv[0] excluded) and the environment.  On a usage error
 * prints a message and returns false. */
WHAMM_NODISCARD bool ld_parse(Arena *a, int argc, char **argv,
                              LdOptions *o);
void ld_options_fini(LdOptions *o);

/* Writes the relocatable object defining LD_ARENA_SYMBOL (size bytes,
 * 16-byte aligned, zero-initialised).  False on I/O error. */
WHAMM_NODISCARD bool ld_write_arena_object(const char *path, size_t size);

#endif
