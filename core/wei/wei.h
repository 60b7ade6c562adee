/* wei.h -- the WebAssembly engine interface (docs/wei.md): the names a
 * monitor module gives its probe exports, and `whamm attach`, which applies
 * a monitor to an application by rewriting.
 *
 * A probe export's name is
 *     <rule> [/ $<P>(<params>) /] [(<params>)]
 * with optional whitespace between the parts: the rule without its mode
 * (`wasm:opcode:br_if`), an optional predicate helper (an export named
 * `$<P>`) called at bind time with static values, and the values passed to
 * the probe function at run time.  A parameter is a name (`arg0`, `fid`,
 * `fname`, ...) or a nested static call `$<N>(<params>)`. */
#ifndef WHAMM_WEI_H
#define WHAMM_WEI_H

#include "../diag/diag.h"
#include "../util/util.h"
#include "../emit/emit.h"
#include "../wasm/wasm.h"

#define WEI_MAX_PARTS 8      /* rule parts (wasm:opcode:br_if has 3) */

typedef struct WeiParam WeiParam;

/* A parameter: a name, or a static call of helper `$name` with args. */
struct WeiParam {
    const char *name;        /* NUL-terminated; a call's helper without `$` */
    bool is_call;            /* `$name(args)` */
    WeiParam *args;          /* is_call only */
    uint32_t nargs;
};

/* One parsed export name. */
typedef struct {
    const char *part[WEI_MAX_PARTS];  /* rule parts, NUL-terminated */
    uint32_t nparts;
    bool has_pred;           /* `/ $P(...) /` */
    WeiParam pred;           /* a call (is_call) when has_pred */
    bool has_params;         /* `(...)` written (possibly empty) */
    WeiParam *params;
    uint32_t nparams;
} WeiName;

/* Why a name did not parse: a message and the byte offset in the name. */
typedef struct {
    char msg[160];
    uint32_t at;
} WeiNameError;

/* Parses name[0..len) into *out (strings and arrays in a).  False with
 * *err set when it is not a probe name. */
bool wei_name_parse(const char *name, size_t len, Arena *a, WeiName *out,
                    WeiNameError *err);
/* Appends the canonical spelling of n: the rule, ` / $P(a, b) /` when
 * there is a predicate, then `(a, b)` when there are parameters. */
void wei_name_print(const WeiName *n, Buf *out);
/* Appends the canonical spelling of one parameter. */
void wei_param_print(const WeiParam *p, Buf *out);

/* ---- whamm attach (attach.c) ---- */
struct ProvRegistry;

typedef struct {
    const char *monitor_path;  /* for diagnostics */
    const uint8_t *monitor;    /* its bytes */
    size_t monitor_len;
    const uint8_t *app;        /* the app's bytes (checked by the caller) */
    size_t app_len;
    const struct ProvRegistry *reg;
    EmitOptions emit;          /* memory placement, runtime, -v */
    /* --memory=app: when the arena is too small, the bytes the monitor
     * needs go here and no error is reported (the caller says it), or
     * NULL: an error */
    uint64_t *arena_needed;
    bool no_inline;            /* keep every probe a call (inline.c) */
    /* whamm scripts instrumenting the app in the same pass (checked), and
     * the user libraries they use: one runtime, one report, and neither
     * observes the other's code */
    const EmitScript *scripts;
    uint32_t nscripts;
    const EmitLib *libs;
    uint32_t nlibs;
} WeiAttach;

/* Applies the monitor to the app: *out gets the instrumented module.
 * False after reporting why (nothing in *out). */
bool wei_attach(const WeiAttach *in, DiagSink *sink, Buf *out);

#endif
