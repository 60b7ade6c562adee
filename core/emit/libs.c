/* libs.c -- user libraries merged into the output (docs/libraries.md).
 *
 * Each library a script calls at run time becomes part of the module, so
 * the output needs nothing from the host but WASI.  A library's memory is
 * a region of whamm's memory, placed before the image: its data moves
 * there, its loads and stores carry the region's base in their offsets
 * (no run-time cost), and memory.size/memory.grow act on the region as if
 * it were a memory of its own, whose maximum is the region's size.  The
 * region is the library's declared maximum, or its initial size plus
 * LIB_HEADROOM_PAGES when it declares none.  Growing past it prints a
 * message and fails as memory.grow fails (-1): it never reaches whamm's
 * state or the app.
 *
 * Its WASI imports are answered by the runtime (core/runtime/libwasi.c)
 * through one small function per import that passes the region's base;
 * proc_exit goes to WASI itself.  Any other import is an error. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "state.h"

#include "../interp/interp.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define LIB_HEADROOM_PAGES 16u
#define LIB_MAX_PAGES 16384u       /* 1 GiB of whamm's memory */

static const char WASI[] = "wasi_snapshot_preview1";

typedef VEC(WasmMergeBinding) Bindings;

/* The `use NAME;` statement naming the library, for error locations. */
static Span use_span(const Emit *E, const char *name)
{
    for (uint32_t si = 0; si < E->nscripts; si++) {
        const Script *s = E->scripts[si].script;
        for (uint32_t i = 0; i < s->nitems; i++) {
            const Item *it = &s->items[i];
            if (it->kind == ITEM_STMT && it->stmt->kind == ST_USE &&
                strcmp(it->stmt->name, name) == 0)
                return it->stmt->span;
        }
    }
    return (Span){0};
}

static bool lib_error(Emit *E, const MergedLib *L, const char *what)
{
    emit_error(E, use_span(E, L->lib->name), "library `%s` (%s): %s",
               L->lib->name, L->lib->path, what);
    return false;
}

/* ---- the region ----------------------------------------------------------- */

static uint32_t region_pages(const WasmModule *lib)
{
    if (lib->memories.n == 0)
        return 0;
    const WasmLimits *l = &lib->memories.v[0].limits;
    uint64_t pages = l->has_max ? l->max : l->min + LIB_HEADROOM_PAGES;
    if (pages < l->min)
        pages = l->min;
    return pages > LIB_MAX_PAGES ? LIB_MAX_PAGES : (uint32_t)pages;
}

/* Regions before the image: placed while the image is still empty. */
static bool place_regions(Emit *E)
{
    for (uint32_t i = 0; i < E->opt->nlibs; i++) {
        MergedLib *L = &E->libs[i];
        if (!L->used)
            continue;
        const WasmModule *lib = L->lib->module;
        if (lib->memories.n > 0 && lib->memories.v[0].limits.min >
                                       LIB_MAX_PAGES)
            return lib_error(E, L, "its memory starts larger than the "
                             "1 GiB whamm can give a library");
        L->pages = region_pages(lib);
        L->base = (E->base + 15) & ~15u;
        uint64_t end = (uint64_t)L->base + (uint64_t)L->pages * 65536u;
        if (end > UINT32_MAX)
            return lib_error(E, L, "its memory does not fit in whamm's");
        E->base = (uint32_t)end;
    }
    return true;
}

/* The message at `at`, the first time only. */
static void warn_once(Emit *E, Code *c, uint32_t at, uint32_t len)
{
    WasmValType i32 = {WASM_I32, 0};
    WasmInstr zero = wasm_instr_i32(0);
    uint32_t warned = wasm_add_global(E->m, i32, true, &zero, 1);
    emit_op_idx(c, WASM_OP_GlobalGet, warned);
    emit_op(c, WASM_OP_I32Eqz);
    emit_instr(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    emit_op_i32(c, (int32_t)at);
    emit_op_i32(c, (int32_t)len);
    emit_op_idx(c, WASM_OP_Call, emit_rt_func(E, "whamm_rt_warn"));
    emit_op_i32(c, 1);
    emit_op_idx(c, WASM_OP_GlobalSet, warned);
    emit_op(c, WASM_OP_End);
}

/* (func (param $n i32) (result i32)): memory.grow inside the region;
 * past it, a message (once) and -1. */
static uint32_t grow_func(Emit *E, MergedLib *L)
{
    WasmModule *m = E->m;
    WasmValType i32 = {WASM_I32, 0};
    char msg[256];
    int len = snprintf(msg, sizeof msg, "library `%s` needs more than the "
                       "%u pages of memory reserved for it; give it a "
                       "larger maximum when linking it "
                       "(-Wl,--max-memory=BYTES)", L->lib->name, L->pages);
    uint32_t at = emit_intern(E, msg, (uint32_t)len);
    Code c = {0};
    emit_op_idx(&c, WASM_OP_GlobalGet, L->size_global);
    emit_op_idx(&c, WASM_OP_LocalSet, 1);
    emit_op_idx(&c, WASM_OP_LocalGet, 0);
    emit_op_i32(&c, (int32_t)L->pages);
    emit_op_idx(&c, WASM_OP_LocalGet, 1);
    emit_op(&c, WASM_OP_I32Sub);
    emit_op(&c, WASM_OP_I32GtU);
    emit_instr(&c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    warn_once(E, &c, at, (uint32_t)len);
    emit_op_i32(&c, -1);
    emit_op(&c, WASM_OP_Return);
    emit_op(&c, WASM_OP_End);
    emit_op_idx(&c, WASM_OP_LocalGet, 1);
    emit_op_idx(&c, WASM_OP_LocalGet, 0);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_GlobalSet, L->size_global);
    emit_op_idx(&c, WASM_OP_LocalGet, 1);
    uint32_t type = wasm_add_func_type(m, &i32, 1, &i32, 1);
    uint32_t f = wasm_add_func(m, type, &i32, 1, c.v, c.n);
    vec_free(c);
    char name[160];
    snprintf(name, sizeof name, "whamm_lib_grow.%s", L->lib->name);
    wasm_set_func_name(m, f, name);
    return f;
}

/* ---- imports ----------------------------------------------------------------- */

static bool same_valtypes(const WasmValType *a, const WasmValType *b,
                          uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (a[i].code != b[i].code)
            return false;
    return true;
}

/* Whether shim's type is (i32 base, t's params) -> t's results. */
static bool shim_fits(const WasmType *shim, const WasmType *t)
{
    return shim->nparams == t->nparams + 1 &&
           shim->params[0].code == WASM_I32 &&
           same_valtypes(shim->params + 1, t->params, t->nparams) &&
           shim->nresults == t->nresults &&
           same_valtypes(shim->results, t->results, t->nresults);
}

/* A function of the import's type calling the runtime's answer with the
 * region's base first; UINT32_MAX when there is none. */
static uint32_t wasi_stub(Emit *E, const MergedLib *L, const WasmImport *imp)
{
    WasmModule *m = E->m;
    char shim_name[96];
    snprintf(shim_name, sizeof shim_name, "whamm_rt_lib_%s", imp->field);
    int64_t shim = wasm_merged_export(&E->rt, shim_name, WASM_EXT_FUNC);
    const WasmType *t = wasm_func_type(L->lib->module, imp->index);
    if (shim < 0 || !shim_fits(wasm_func_type(m, (uint32_t)shim), t))
        return UINT32_MAX;
    Code c = {0};
    emit_op_i32(&c, (int32_t)L->base);
    for (uint32_t p = 0; p < t->nparams; p++)
        emit_op_idx(&c, WASM_OP_LocalGet, p);
    emit_op_idx(&c, WASM_OP_Call, (uint32_t)shim);
    uint32_t type = wasm_add_func_type(m, t->params, t->nparams, t->results,
                                       t->nresults);
    uint32_t f = wasm_add_func(m, type, NULL, 0, c.v, c.n);
    vec_free(c);
    char name[192];
    snprintf(name, sizeof name, "whamm_lib_wasi.%s.%s", L->lib->name,
             imp->field);
    wasm_set_func_name(m, f, name);
    return f;
}

static uint32_t proc_exit_import(Emit *E, const MergedLib *L,
                                 const WasmImport *imp)
{
    int64_t f = wasm_find_import(E->m, WASI, "proc_exit", WASM_EXT_FUNC);
    if (f >= 0)
        return (uint32_t)f;
    const WasmType *t = wasm_func_type(L->lib->module, imp->index);
    return wasm_add_import_func(E->m, WASI, "proc_exit",
                                wasm_add_func_type(E->m, t->params,
                                                   t->nparams, t->results,
                                                   t->nresults));
}

/* Writes out what was printed, as whamm_core's printing does.  (Unlike
 * whamm_core's, not held back while a start section runs: that flag does
 * not exist yet when libraries are merged.) */
static void flush_code(Emit *E, Code *c)
{
    emit_op_idx(c, WASM_OP_Call, emit_rt_func(E, "whamm_rt_flush"));
    emit_op(c, WASM_OP_Drop);
}

/* The `wizeng` host functions that wei monitors written for the Wizard
 * engine import (docs/wei.md), answered by the runtime's printing:
 * puts(ptr, len) prints bytes of the library's memory, puti a signed
 * decimal, putc a byte; rdtsc() counts its calls; crash() and error(...)
 * trap.  UINT32_MAX for another name or type. */
static uint32_t wizeng_stub(Emit *E, const MergedLib *L, const WasmImport *imp)
{
    const WasmType *t = wasm_func_type(L->lib->module, imp->index);
    const char *f = imp->field;
    bool i32_args = true;
    for (uint32_t p = 0; p < t->nparams; p++)
        i32_args &= t->params[p].code == WASM_I32;
    Code c = {0};
    if (strcmp(f, "puts") == 0 && t->nparams == 2 && i32_args &&
        !t->nresults) {
        emit_op_idx(&c, WASM_OP_LocalGet, 0);
        emit_op_i32(&c, (int32_t)L->base);
        emit_op(&c, WASM_OP_I32Add);
        emit_op_idx(&c, WASM_OP_LocalGet, 1);
        emit_op_idx(&c, WASM_OP_Call, emit_rt_func(E, "whamm_rt_puts"));
        flush_code(E, &c);
    } else if ((strcmp(f, "puti") == 0 || strcmp(f, "putc") == 0) &&
               t->nparams == 1 && i32_args && !t->nresults) {
        emit_op_idx(&c, WASM_OP_LocalGet, 0);
        emit_op_idx(&c, WASM_OP_Call, emit_rt_func(E, f[3] == 'i'
                                                   ? "whamm_rt_puti32"
                                                   : "whamm_rt_putc"));
        flush_code(E, &c);
    } else if (strcmp(f, "rdtsc") == 0 && !t->nparams &&
               t->nresults == 1 && t->results[0].code == WASM_I64) {
        WasmValType i64 = {WASM_I64, 0};
        WasmInstr zero = {.op = WASM_OP_I64Const};
        uint32_t g = wasm_add_global(E->m, i64, true, &zero, 1);
        emit_op_idx(&c, WASM_OP_GlobalGet, g);
        emit_instr(&c, (WasmInstr){.op = WASM_OP_I64Const, .x = 1});
        emit_op(&c, WASM_OP_I64Add);
        emit_op_idx(&c, WASM_OP_GlobalSet, g);
        emit_op_idx(&c, WASM_OP_GlobalGet, g);
    } else if ((strcmp(f, "crash") == 0 || strcmp(f, "error") == 0) &&
               !t->nresults) {
        emit_op(&c, WASM_OP_Unreachable);
    } else {
        return UINT32_MAX;
    }
    uint32_t type = wasm_add_func_type(E->m, t->params, t->nparams,
                                       t->results, t->nresults);
    uint32_t fn = wasm_add_func(E->m, type, NULL, 0, c.v, c.n);
    vec_free(c);
    char name[192];
    snprintf(name, sizeof name, "whamm_lib_wizeng.%s.%s", L->lib->name, f);
    wasm_set_func_name(E->m, fn, name);
    return fn;
}

/* One binding per function import; an error for what cannot be given. */
static bool bind_imports(Emit *E, const MergedLib *L, Bindings *out)
{
    const WasmModule *lib = L->lib->module;
    for (uint32_t i = 0; i < lib->imports.n; i++) {
        const WasmImport *imp = &lib->imports.v[i];
        if (imp->kind != WASM_EXT_FUNC)
            continue; /* memories are the region; the rest fails in merge */
        uint32_t f = UINT32_MAX;
        if (strcmp(imp->module, WASI) == 0)
            f = strcmp(imp->field, "proc_exit") == 0
                    ? proc_exit_import(E, L, imp) : wasi_stub(E, L, imp);
        else if (strcmp(imp->module, "wizeng") == 0)
            f = wizeng_stub(E, L, imp);
        if (f == UINT32_MAX) {
            char what[256];
            snprintf(what, sizeof what, "it imports function %s.%s, which "
                     "whamm cannot provide to a library", imp->module,
                     imp->field);
            return lib_error(E, L, what);
        }
        WasmMergeBinding b = {imp->module, imp->field, f};
        vec_push(*out, b);
    }
    return true;
}

/* ---- merging -------------------------------------------------------------------- */

static bool merge_one(Emit *E, MergedLib *L)
{
    WasmModule *m = E->m;
    const WasmModule *lib = L->lib->module;
    WasmMergeOptions mo = {.memory = E->state_mem, .memory_base = L->base,
                           .plain = true, .region_pages = L->pages};
    if (lib->memories.n > 0) {
        WasmValType i32 = {WASM_I32, 0};
        WasmInstr init = wasm_instr_i32(
            (int32_t)(uint32_t)lib->memories.v[0].limits.min);
        L->size_global = wasm_add_global(m, i32, true, &init, 1);
        mo.size_global = L->size_global;
        mo.grow_func = grow_func(E, L);
    }
    Bindings bind = {0};
    bool ok = bind_imports(E, L, &bind);
    mo.bindings = bind.v;
    mo.nbindings = bind.n;
    WasmError err;
    if (ok && !wasm_merge_library(m, lib, &mo, &L->r, &err))
        ok = lib_error(E, L, err.msg + (strncmp(err.msg, "library: ", 9) == 0
                                        ? 9 : 0));
    vec_free(bind);
    return ok;
}

bool emit_merge_libs(Emit *E)
{
    if (E->image.len != 0) {
        emit_error(E, (Span){0}, "internal error: libraries merged after "
                   "the state was laid out");
        return false;
    }
    if (!place_regions(E))
        return false;
    for (uint32_t i = 0; i < E->opt->nlibs; i++)
        if (E->libs[i].used && !merge_one(E, &E->libs[i]))
            return false;
    return true;
}

const MergedLib *emit_find_lib(const Emit *E, const char *name)
{
    for (uint32_t i = 0; E->libs && i < E->opt->nlibs; i++)
        if (E->libs[i].used && strcmp(E->libs[i].lib->name, name) == 0)
            return &E->libs[i];
    return NULL;
}

int64_t emit_lib_func(const Emit *E, const char *lib, const char *fn)
{
    for (uint32_t i = 0; E->libs && i < E->opt->nlibs; i++)
        if (E->libs[i].used && strcmp(E->libs[i].lib->name, lib) == 0)
            return wasm_merged_export(&E->libs[i].r, fn, WASM_EXT_FUNC);
    return -1;
}

/* Each library's start function and `_initialize` (a WASI reactor's
 * constructors), as the host would run them before any call. */
void emit_lib_init_code(const Emit *E, Code *c)
{
    for (uint32_t i = 0; E->libs && i < E->opt->nlibs; i++) {
        const MergedLib *L = &E->libs[i];
        if (!L->used)
            continue;
        if (L->r.start >= 0)
            emit_op_idx(c, WASM_OP_Call, (uint32_t)L->r.start);
        int64_t init = wasm_merged_export(&L->r, "_initialize",
                                          WASM_EXT_FUNC);
        if (init >= 0)
            emit_op_idx(c, WASM_OP_Call, (uint32_t)init);
    }
}

/* ---- @static calls ------------------------------------------------------------------ */

static MergedLib *find_lib(Emit *E, const char *name)
{
    for (uint32_t i = 0; E->libs && i < E->opt->nlibs; i++)
        if (strcmp(E->libs[i].lib->name, name) == 0)
            return &E->libs[i];
    return NULL;
}

/* The library's interpreter, instantiated on its first @static call. */
static Interp *lib_interp(Emit *E, MergedLib *L, Span at)
{
    if (L->interp || L->interp_failed)
        return L->interp;
    InterpError err;
    L->interp = interp_new(L->lib->module, NULL, &err);
    if (!L->interp) {
        L->interp_failed = true;
        emit_error(E, at, "library `%s` (%s) cannot run while instrumenting: "
                   "%s", L->lib->name, L->lib->path, err.msg);
    }
    return L->interp;
}

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

InterpValue emit_value_to_interp(uint8_t code, const FoldValue *v)
{
    InterpValue w;
    memset(&w, 0, sizeof w);
    w.type = code;
    switch (code) {
    case WASM_I32: w.v.i32 = (uint32_t)v->bits; break;
    case WASM_I64: w.v.i64 = v->bits; break;
    case WASM_F32: w.v.f32 = (float)v->f; break;
    case WASM_F64: w.v.f64 = v->f; break;
    default: break;
    }
    return w;
}

void emit_value_from_interp(const InterpValue *w, const Type *t,
                            FoldValue *out)
{
    memset(out, 0, sizeof *out);
    out->ty = t;
    switch (w->type) {
    case WASM_I32: out->bits = (uint64_t)(int64_t)(int32_t)w->v.i32; break;
    case WASM_I64: out->bits = w->v.i64; break;
    case WASM_F32: out->f = w->v.f32; break;
    case WASM_F64: out->f = w->v.f64; break;
    default: break;
    }
}

bool emit_static_call(void *ctx, const Expr *call, const FoldValue *args,
                      uint32_t nargs, FoldValue *out)
{
    Emit *E = ctx;
    if (E->opt->static_hook) {
        int r = E->opt->static_hook(E->opt->static_hook_ctx, call, args,
                                    nargs, out);
        if (r >= 0)
            return r == 1;
    }
    MergedLib *L = call->recv ? find_lib(E, call->recv) : NULL;
    if (!L || !call->ty)
        return false; /* whamm_core, or not checked: the emitter says so */
    const WasmModule *lib = L->lib->module;
    int32_t ex = wasm_find_export(lib, call->name, WASM_EXT_FUNC);
    Interp *it = ex >= 0 ? lib_interp(E, L, call->span) : NULL;
    if (!it)
        return false;
    const WasmType *ft = wasm_func_type(lib, lib->exports.v[ex].index);
    if (ft->nparams != nargs || ft->nresults > 1)
        return false;
    InterpValue in[32], res[1];
    for (uint32_t i = 0; i < nargs && i < 32; i++)
        in[i] = emit_value_to_interp(ft->params[i].code, &args[i]);
    uint32_t nres = 0;
    InterpError err;
    E->static_calls++;
    uint64_t t0 = now_ns();
    bool ok = interp_call(it, call->name, in, nargs, res, 1, &nres, &err);
    E->static_ns += now_ns() - t0;
    if (!ok) {
        emit_error(E, call->span, "@static %s.%s: %s", L->lib->name,
                   call->name, err.msg);
        return false;
    }
    out->ty = call->ty;
    if (nres == 1)
        emit_value_from_interp(&res[0], call->ty, out);
    return true;
}

void emit_libs_fini(Emit *E)
{
    for (uint32_t i = 0; E->libs && i < E->opt->nlibs; i++)
        if (E->libs[i].interp)
            interp_free(E->libs[i].interp);
}
