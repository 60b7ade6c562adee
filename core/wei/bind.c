/* bind.c -- bind time of `whamm attach` (docs/wei.md "Attaching").
 *
 * The monitor runs in whamm's interpreter while the app is instrumented,
 * as an engine would run it when it loads the app: its start function
 * (and `_initialize`) first, then, site by site, its predicate helpers,
 * nested static calls and `$alloc`.  String arguments (fname, opname) are
 * copied into the monitor's `whamm_buffer` memory at `whamm_buffer:start`
 * (at most `whamm_buffer:max` bytes, 1024 when not exported) and passed
 * as (pointer, length).
 *
 * The instrumentation runs twice: the first pass runs and records every
 * static call; then the monitor is frozen as the calls left it (memory,
 * globals; its start function already ran) and the second pass replays
 * the recorded results and merges the frozen monitor, so the program
 * starts with the state an engine's monitor would have after binding.
 * What the monitor printed while binding is printed when the program
 * starts. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "wei_impl.h"

#include "../interp/interp.h"

#include <stdarg.h>
#include <stdio.h>

#define BUFFER_MAX_DEFAULT 1024u

typedef VEC(WasmData) VecData;

static bool bind_error(WeiBind *b, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static bool bind_error(WeiBind *b, size_t offset, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_emit_at_offset(b->sink, DIAG_WEI_MONITOR, b->mon->path, offset,
                        "%s", msg);
    b->failed = true;
    return false;
}

bool wei_bind_init(WeiBind *b, WeiMonitor *mon, DiagSink *sink)
{
    memset(b, 0, sizeof *b);
    b->mon = mon;
    b->sink = sink;
    b->out = open_memstream(&b->out_text, &b->out_len);
    if (!b->out)
        return bind_error(b, 0, "cannot capture the monitor's output");
    InterpLimits lim = interp_default_limits();
    lim.out = b->out;
    InterpError err;
    b->it = interp_new(mon->m, &lim, &err);
    if (!b->it)
        return bind_error(b, err.offset, "the monitor cannot run while "
                          "binding: %s", err.msg);
    if (wasm_find_export(mon->m, "_initialize", WASM_EXT_FUNC) >= 0 &&
        !interp_call(b->it, "_initialize", NULL, 0, NULL, 0, NULL, &err))
        return bind_error(b, err.offset, "the monitor's _initialize: %s",
                          err.msg);
    return true;
}

void wei_bind_fini(WeiBind *b)
{
    if (b->it)
        interp_free(b->it);
    if (b->out)
        fclose(b->out);
    free(b->out_text);
    vec_free(b->results);
}

/* ---- static calls ------------------------------------------------------------- */

/* The i32 value of an exported immutable global with a constant
 * initialiser, or dflt when there is none. */
static uint32_t export_i32(const WasmModule *m, const char *name,
                           uint32_t dflt)
{
    int32_t ex = wasm_find_export(m, name, WASM_EXT_GLOBAL);
    int32_t v;
    if (ex < 0)
        return dflt;
    const WasmGlobal *g = &m->globals.v[m->exports.v[ex].index];
    if (g->import >= 0 || !wasm_expr_i32_const(m, &g->init, &v))
        return dflt;
    return (uint32_t)v;
}

/* Copies s into whamm_buffer after the *used bytes already there. */
static bool put_string(WeiBind *b, const FoldValue *s, uint32_t *used,
                       InterpValue *ptr, InterpValue *len)
{
    const WasmModule *m = b->mon->m;
    int32_t ex = wasm_find_export(m, "whamm_buffer", WASM_EXT_MEMORY);
    if (ex < 0 || m->exports.v[ex].index != 0) {
        /* only an implicit $alloc gets here (checked): no name to pass */
        *ptr = (InterpValue){WASM_I32, {.i32 = 0}};
        *len = (InterpValue){WASM_I32, {.i32 = 0}};
        return true;
    }
    uint32_t start = export_i32(m, "whamm_buffer:start", 0);
    uint32_t max = export_i32(m, "whamm_buffer:max", BUFFER_MAX_DEFAULT);
    uint32_t n = s->slen;
    if (n > max - (*used < max ? *used : max))
        n = max - (*used < max ? *used : max);
    uint64_t size;
    uint8_t *mem = interp_memory(b->it, &size);
    uint64_t at = (uint64_t)start + *used;
    if (!mem || at + n > size)
        return bind_error(b, 0, "whamm_buffer:start (%u) lies outside the "
                          "monitor's memory", start);
    memcpy(mem + at, s->str, n);
    *ptr = (InterpValue){WASM_I32, {.i32 = (uint32_t)at}};
    *len = (InterpValue){WASM_I32, {.i32 = n}};
    *used += n;
    return true;
}

/* Runs call c with the folded arguments. */
static bool run_call(WeiBind *b, const WeiCall *c, const Expr *call,
                     const FoldValue *args, uint32_t nargs, FoldValue *out)
{
    const WasmType *ft = wasm_func_type(b->mon->m, c->func);
    InterpValue in[64], res[1];
    uint32_t k = 0, used = 0, nres = 0;
    for (uint32_t i = 0; i < nargs; i++) {
        if (k + 2 > 64)
            return bind_error(b, 0, "`%s`: too many arguments", c->helper);
        if (c->args[i].kind == WV_STR) {
            TRY(put_string(b, &args[i], &used, &in[k], &in[k + 1]));
            k += 2;
        } else {
            in[k] = emit_value_to_interp(ft->params[k].code, &args[i]);
            k++;
        }
    }
    InterpError err;
    if (!interp_call_func(b->it, c->func, in, k, res, 1, &nres, &err))
        return bind_error(b, err.offset, "helper `%s` failed while binding: "
                          "%s", c->helper, err.msg);
    if (nres != 1)
        return bind_error(b, 0, "helper `%s` returned no value", c->helper);
    emit_value_from_interp(&res[0], call->ty, out);
    return true;
}

int wei_bind_static(void *ctx, const Expr *call, const FoldValue *args,
                    uint32_t nargs, FoldValue *out)
{
    WeiBind *b = ctx;
    unsigned n;
    if (!call->recv || strcmp(call->recv, "wei_monitor") != 0 ||
        sscanf(call->name, "wei_c%u", &n) != 1 || n >= b->mon->calls.n)
        return -1;
    const WeiCall *c = &b->mon->calls.v[n];
    if (b->replay) {
        if (b->next >= b->results.n)
            return bind_error(b, 0, "internal error: the second pass made "
                              "more static calls than the first"), 0;
        *out = b->results.v[b->next++];
        out->ty = call->ty;
        return 1;
    }
    if (b->failed || nargs != c->nargs || !run_call(b, c, call, args, nargs,
                                                    out)) {
        /* reported (the pass fails): a zero keeps the emitter quiet */
        memset(out, 0, sizeof *out);
        out->ty = call->ty;
        b->failed = true;
        return 1;
    }
    vec_push(b->results, *out);
    return 1;
}

/* ---- the monitor as merged ---------------------------------------------------- */

static void add_alias(WasmModule *lib, WasmExport *v, uint32_t *n,
                      const char *name, uint32_t func)
{
    v[*n] = (WasmExport){arena_strndup(&lib->arena, name, strlen(name)),
                         (uint32_t)strlen(name), WASM_EXT_FUNC, func,
                         {0, 0}};
    ++*n;
}

void wei_add_aliases(const WeiMonitor *mon, WasmModule *lib)
{
    uint32_t cap = lib->exports.n + mon->probes.n + mon->calls.n + 1;
    WasmExport *v = arena_alloc(&lib->arena, sizeof *v * cap);
    uint32_t n = lib->exports.n;
    memcpy(v, lib->exports.v, sizeof *v * n);
    for (uint32_t i = 0; i < mon->probes.n; i++)
        add_alias(lib, v, &n, mon->probes.v[i].alias, mon->probes.v[i].func);
    for (uint32_t i = 0; i < mon->calls.n; i++)
        add_alias(lib, v, &n, mon->calls.v[i].alias, mon->calls.v[i].func);
    if (mon->exit_func >= 0)
        add_alias(lib, v, &n, "wei_exit", (uint32_t)mon->exit_func);
    /* the model's vector: the old storage stays with its owner */
    free(lib->exports.v);
    lib->exports.v = xmalloc(sizeof *v * cap);
    memcpy(lib->exports.v, v, sizeof *v * n);
    lib->exports.n = lib->exports.cap = n;
}

static WasmExpr const_expr(WasmModule *lib, const Buf *code)
{
    uint8_t *bytes = arena_dup(&lib->arena, code->data, code->len);
    return (WasmExpr){bytes, 0, (uint32_t)code->len};
}

/* Each defined global starts with its value now. */
static void freeze_globals(WeiBind *b, WasmModule *lib)
{
    for (uint32_t i = lib->nimported[WASM_EXT_GLOBAL]; i < lib->globals.n;
         i++) {
        WasmGlobal *g = &lib->globals.v[i];
        uint64_t bits = interp_global_bits(b->it, i);
        Buf code;
        buf_init(&code);
        switch (g->type.code) {
        case WASM_I32: buf_push(&code, 0x41);
            wenc_s32(&code, (int32_t)(uint32_t)bits); break;
        case WASM_I64: buf_push(&code, 0x42);
            wenc_s64(&code, (int64_t)bits); break;
        case WASM_F32: buf_push(&code, 0x43);
            buf_append(&code, &bits, 4); break; /* little-endian hosts */
        case WASM_F64: buf_push(&code, 0x44);
            buf_append(&code, &bits, 8); break;
        default: break; /* references keep their initialiser */
        }
        if (code.len) {
            buf_push(&code, 0x0B);
            g->init = const_expr(lib, &code);
        }
        buf_fini(&code);
    }
}

/* The end of the run of non-zero bytes from `at` (a run ends at 64 zero
 * bytes, so a segment is never mostly zeros). */
static uint64_t run_end(const uint8_t *mem, uint64_t at, uint64_t size)
{
    uint64_t end = at, zeros = 0;
    for (uint64_t i = at; i < size && zeros < 64; i++) {
        zeros = mem[i] ? 0 : zeros + 1;
        if (mem[i])
            end = i + 1;
    }
    return end;
}

static void add_segment(WasmModule *lib, VecData *out, const uint8_t *mem,
                        uint64_t at, uint64_t end)
{
    Buf code;
    buf_init(&code);
    buf_push(&code, 0x41);
    wenc_s32(&code, (int32_t)(uint32_t)at);
    buf_push(&code, 0x0B);
    WasmData d = {0};
    d.mode = WASM_SEG_ACTIVE;
    d.offset = const_expr(lib, &code);
    d.bytes = arena_dup(&lib->arena, mem + at, (size_t)(end - at));
    d.len = (uint32_t)(end - at);
    vec_push(*out, d);
    buf_fini(&code);
}

/* Memory 0 becomes what it holds now: its size and its bytes as active
 * segments (the old segments were copied in when it started). */
static bool freeze_memory(WeiBind *b, WasmModule *lib)
{
    uint64_t size;
    const uint8_t *mem = interp_memory(b->it, &size);
    if (lib->memories.n == 0)
        return true;
    if (lib->memories.v[0].import >= 0)
        return bind_error(b, 0, "the monitor imports its memory (whamm "
                          "attach merges monitors with a memory of their "
                          "own)");
    WasmLimits *l = &lib->memories.v[0].limits;
    l->min = size >> 16;
    if (l->has_max && l->max < l->min)
        l->max = l->min;
    VecData segs = {0};
    for (uint64_t at = 0; mem && at < size;) {
        while (at < size && !mem[at])
            at++;
        if (at == size)
            break;
        uint64_t end = run_end(mem, at, size);
        add_segment(lib, &segs, mem, at, end);
        at = end;
    }
    free(lib->datas.v);
    lib->datas.v = segs.v;
    lib->datas.n = segs.n;
    lib->datas.cap = segs.cap;
    if (lib->has_datacount)
        lib->datacount = segs.n;
    return true;
}

bool wei_bind_freeze(WeiBind *b, WasmModule *lib)
{
    freeze_globals(b, lib);
    TRY(freeze_memory(b, lib));
    lib->has_start = false;
    for (uint32_t i = 0; i < lib->exports.n; i++) {
        WasmExport *e = &lib->exports.v[i];
        if (e->name_len == 11 && memcmp(e->name, "_initialize", 11) == 0)
            e->name = "wei_initialized", e->name_len = 15; /* ran */
    }
    return true;
}
