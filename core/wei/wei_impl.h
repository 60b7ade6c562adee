/* wei_impl.h -- what the files of core/wei share: a monitor module read
 * and checked against the wasm provider's events (monitor.c), and the
 * bind-time machinery of `whamm attach` (bind.c, attach.c). */
#ifndef WHAMM_WEI_IMPL_H
#define WHAMM_WEI_IMPL_H

#include "wei.h"

#include "../lang/lang.h"

/* What a probe parameter (or a static call's argument) stands for. */
typedef enum {
    WV_NAME,                 /* a whamm bound variable (expr) */
    WV_DYNAMIC,              /* argN, localN: run-time values, type-bound */
    WV_STR,                  /* fname, opname: (pointer, length) */
    WV_CALL                  /* a nested static call */
} WeiValueKind;

typedef struct WeiValue WeiValue;
struct WeiValue {
    WeiValueKind kind;
    const char *expr;        /* the whamm expression giving it */
    const char *wtype;       /* its whamm type ("u32", "i64", "str", ...) */
    uint8_t wasm;            /* its Wasm type (0 for a string) */
    /* WV_CALL: */
    uint32_t call;           /* index into WeiMonitor.calls */
    WeiValue *args;
    uint32_t nargs;
};

/* One static call of a helper as written in a probe name: each gets its
 * own alias export in the monitor (its whamm signature is its own). */
typedef struct {
    const char *helper;      /* export name, `$` included */
    uint32_t func;           /* the monitor's function index */
    char alias[24];          /* `wei_cN`: the export the script calls */
    uint8_t result;          /* its one result's Wasm type */
    bool implicit;           /* the `$alloc` of a probe function with one
                                parameter more than its list */
    const WeiValue *args;
    uint32_t nargs;
} WeiCall;

/* One probe export, checked. */
typedef struct {
    const char *export_name;
    uint32_t func;           /* the monitor's function index */
    size_t offset;           /* of the export entry, for diagnostics */
    WeiName name;
    char rule[96];           /* the whamm rule, bounds and mode included */
    uint32_t need_label;     /* br_table: matches sites with at least this
                                many labels besides the default */
    bool has_pred;
    WeiValue pred;           /* WV_CALL */
    WeiValue *values;        /* the probe function's parameters in order
                                (the implicit $alloc first) */
    uint32_t nvalues;
    char alias[24];          /* `wei_pN` */
} WeiProbe;

typedef struct {
    const char *path;
    const WasmModule *m;
    const struct ProvRegistry *reg;  /* the events' bound variable types */
    VEC(WeiProbe) probes;
    VEC(WeiCall) calls;
    int64_t exit_func;       /* `wasm:exit`, or -1 */
    Arena *a;
} WeiMonitor;

/* Reads the export names of mon->m and checks each probe against the
 * events it names: errors (and the warning for a `wasm:` name that does
 * not parse) at the export's byte offset in mon->path. */
bool wei_monitor_check(WeiMonitor *mon, DiagSink *sink);

/* ---- bind time (bind.c) ---- */
struct Interp;
struct Expr;

/* The monitor running in whamm's interpreter while the app is
 * instrumented: static calls are run (and recorded) in the first pass and
 * replayed in the second, which merges the monitor as it is afterwards. */
typedef struct {
    WeiMonitor *mon;
    struct Interp *it;
    FILE *out;               /* what the monitor printed while binding */
    char *out_text;          /* (open_memstream) */
    size_t out_len;
    bool replay;
    VEC(FoldValue) results;  /* every call's result, in order */
    uint32_t next;           /* replay position */
    DiagSink *sink;
    bool failed;
} WeiBind;

/* Instantiates the monitor (start function, `_initialize`); false after
 * reporting why. */
bool wei_bind_init(WeiBind *b, WeiMonitor *mon, DiagSink *sink);
void wei_bind_fini(WeiBind *b);
/* EmitOptions.static_hook for the script attach writes. */
int wei_bind_static(void *ctx, const struct Expr *call,
                    const FoldValue *args, uint32_t nargs, FoldValue *out);
/* Gives lib (a second copy of the monitor) the alias exports the script
 * calls: one per probe (wei_pN), static call (wei_cN) and `wei_exit`. */
void wei_add_aliases(const WeiMonitor *mon, WasmModule *lib);
/* Makes lib start as the interpreter's monitor is now: its memory and
 * globals, no start function.  False after reporting why. */
bool wei_bind_freeze(WeiBind *b, WasmModule *lib);

/* ---- inlining (inline.c) ---- */

/* Replaces the calls of tiny probe functions in m (the output, the
 * monitor merged; found by their alias names) with their bodies. */
void wei_inline_probes(WasmModule *m, const WeiMonitor *mon);

/* The Wasm type code's whamm name ("i32" ...), or NULL. */
const char *wei_wasm_type_name(uint8_t code);

#endif
