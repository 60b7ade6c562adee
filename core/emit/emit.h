/* emit.h -- the emitter: turns checked scripts and a module into the
 * instrumented module (the user contract is docs/instr.md).
 *
 * Pipeline: emit_instrument() expands every probe (per-script probe
 * numbering), merges the runtime when a report is needed, walks every
 * instruction of every original function matching the probes, folds each
 * predicate per site and injects the surviving code; then it lays out the
 * state (strings, per-site slots, report rows), and adds the start-up and
 * flush functions.  Everything it adds is outside the walk, so whamm's own
 * code is never instrumented. */
#ifndef WHAMM_EMIT_H
#define WHAMM_EMIT_H

#include "../diag/diag.h"
#include "../lang/lang.h"
#include "../interp/interp.h"
#include "../wasm/wasm.h"

struct ProvRegistry;

/* Where staged output goes through memory 0 (with a separate state memory,
 * text is staged through a small scratch area of memory 0 that is saved and
 * restored around the write). */
typedef struct {
    uint32_t state_memory;   /* working index of the state memory */
    uint32_t scratch;        /* address of the scratch area in memory 0 */
    uint32_t save;           /* address of the save area in the state memory */
    uint32_t size;           /* bytes of each area; at least 64 */
    uint32_t fd_write;       /* working index of WASI fd_write */
} EmitStageOptions;

/* Adds a function with fd_write's signature (fd, iovs, iovs_len, nwritten)
 * -> errno whose iovecs, buffers and nwritten live in the state memory:
 * it copies the text through the scratch area in chunks, calls the real
 * fd_write on memory 0 and restores the scratch bytes after each call.
 * Returns its working index (bind the runtime's fd_write import to it). */
uint32_t emit_stage_write(WasmModule *m, const EmitStageOptions *opt);

/* The other WASI calls of the runtime that take pointers
 * (core/runtime/wasi.h): environ_sizes_get, environ_get, fd_prestat_get,
 * fd_prestat_dir_name and path_open (core/emit/wasi_stage.c).  Adds a
 * function with the call's type that copies its input bytes from the
 * state memory into the scratch area of memory 0 (saved first, restored
 * after), calls the module's WASI import of that name (added when
 * missing) with pointers there and copies its output bytes back.  A call
 * whose bytes do not fit the area (or memory 0) returns ENOMEM or
 * ENAMETOOLONG without calling WASI.  environ_get follows the runtime's
 * contract of wasi.h: it takes the sizes from environ[0..1] and the save
 * area from the room after them, so the environment may need more than
 * the area.  Returns the function's working index, or UINT32_MAX for an
 * unknown name or an import of that name with another type. */
/* The module's import wasi_snapshot_preview1.name, of function type
 * `type`: added when missing; UINT32_MAX when it is there with another
 * signature (an app that declares WASI wrongly). */
uint32_t emit_wasi_import(WasmModule *m, const char *name, uint32_t type);
uint32_t emit_stage_wasi(WasmModule *m, const EmitStageOptions *opt,
                         const char *name);

typedef enum {
    EMIT_REPORT_CSV,
    EMIT_REPORT_JSON
} EmitReportFormat;

typedef enum {
    EMIT_MEMORY_AUTO,        /* app when the arena export exists */
    EMIT_MEMORY_SEPARATE,
    EMIT_MEMORY_APP,
    EMIT_MEMORY_TOP          /* at the top of memory 0 (the default without
                              * an arena) */
} EmitMemory;

/* One checked script (tc_check_script returned true). */
typedef struct {
    Script *script;
    const char *path;
} EmitScript;

/* A user library (`use NAME;`, --user-libs NAME=PATH), read: merged into
 * the output when a script calls it. */
typedef struct {
    const char *name;
    const char *path;
    const WasmModule *module;
} EmitLib;

typedef struct {
    EmitMemory memory;
    const char *arena_export;   /* default "__whamm_arena" */
    uint64_t arena_size;        /* bytes; 0 = not given */
    bool no_body, no_pred, no_report;
    bool exact_traps;           /* counts exact after any trap (slower) */
    EmitReportFormat report_format;
    const WasmModule *runtime;  /* whamm_runtime.wasm, read */
    const EmitLib *libs;
    uint32_t nlibs;
    FILE *verbose;              /* -v: what is done, or NULL */
    /* A host's own `@static` calls (whamm attach, core/wei), tried before
     * the library interpreter: 1 handled (*out set), 0 failed (the hook
     * reported why), -1 not the hook's (the usual path).  NULL: none. */
    int (*static_hook)(void *ctx, const Expr *call, const FoldValue *args,
                       uint32_t nargs, FoldValue *out);
    void *static_hook_ctx;
} EmitOptions;

/* Sites each probe (as written) matched: one entry per probe item. */
typedef struct {
    const Probe *probe;
    uint32_t script;
    uint64_t sites;
} EmitProbeCount;

typedef struct {
    EmitProbeCount *probes;     /* malloc'd; free with emit_result_fini */
    uint32_t nprobes;
    bool changed;               /* anything was injected or added */
    uint64_t arena_needed;      /* --memory=app: bytes the state needs */
    bool arena_too_small;
} EmitResult;

/* Instruments m.  Errors (unsupported constructs, a module whamm cannot
 * instrument) are diagnostics in sink; returns false then and m must be
 * discarded.  With res->arena_too_small the state did not fit the arena. */
bool emit_instrument(WasmModule *m, const EmitScript *scripts,
                     uint32_t nscripts, const struct ProvRegistry *reg,
                     const EmitOptions *opt, DiagSink *sink,
                     EmitResult *res);
/* The wei target (docs/wei.md): compiles the scripts into a monitor
 * module, without an application.  m must be empty; its functions,
 * memory and exports are added.  Errors as for emit_instrument, with a
 * location for what the engine interface cannot express. */
bool emit_wei_monitor(WasmModule *m, const EmitScript *scripts,
                      uint32_t nscripts, const struct ProvRegistry *reg,
                      const EmitOptions *opt, DiagSink *sink,
                      EmitResult *res);
void emit_result_fini(EmitResult *res);

/* A folded value as an interpreter value of Wasm type code, and an
 * interpreter result back as a folded value of whamm type t: how @static
 * calls and `whamm attach`'s bind-time helpers pass values (libs.c). */
InterpValue emit_value_to_interp(uint8_t code, const FoldValue *v);
void emit_value_from_interp(const InterpValue *w, const Type *t,
                            FoldValue *out);

#endif
