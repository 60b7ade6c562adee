/* wasi_stage.c -- the runtime's WASI calls with pointers, from a separate
 * state memory (emit.h emit_stage_wasi; core/runtime/wasi.h).  WASI reads
 * and writes memory 0 only, so each generated function does what stage.c
 * does for fd_write: saves the scratch area of memory 0 it needs, copies
 * the call's input bytes there, calls WASI with pointers into it, copies
 * the output bytes back to the state memory and restores the scratch area.
 *
 *   (func $stage (params of the call) (result i32)
 *     n_k = the bytes of pointer k (a constant or a length parameter)
 *     if some n_k > size or the area passes size or memory 0: return E
 *     save[0, total)          <- mem0[scratch, scratch+total)
 *     mem0[scratch+off_k, ..) <- state[ptr_k, +n_k)        (inputs)
 *     err = wasi(params, ptr_k replaced by scratch+off_k)
 *     state[ptr_k, +n_k)      <- mem0[scratch+off_k, ..)   (outputs)
 *     mem0[scratch, ..)       <- save                      (restored)
 *     return err)
 *
 * environ_get has no length parameters: the runtime puts count and size
 * (from environ_sizes_get) in environ[0] and environ[1] and leaves room in
 * environ for the save area (wasi.h), so the area may be as large as the
 * environment needs, up to the size of memory 0:
 *
 *   (func $environ_get (param $environ $buf i32) (result i32)
 *     count = state[environ]; size = state[environ+4]
 *     total = 4*count + size; fail with ENOMEM past memory 0
 *     state[environ+total, +total) <- mem0[scratch, +total)
 *     err = environ_get(scratch, scratch + 4*count)
 *     state[buf, +size)           <- mem0[scratch + 4*count, +size)
 *     mem0[scratch, +total)       <- state[environ+total, +total)
 *     return err)
 */
#include "stage.h"

#include <stdio.h>
#include <string.h>

#define ENOMEM 48
#define ENAMETOOLONG 37

typedef struct {
    int8_t ptr;         /* parameter holding the address */
    int8_t len_param;   /* parameter holding the length, or -1 */
    uint8_t len;        /* ... else the length */
    bool in;            /* copied in before the call (else out after) */
} Seg;

typedef struct {
    const char *name;
    uint8_t nparams;
    uint16_t i64_params;    /* bit p: parameter p is an i64 */
    Seg seg[2];
    uint8_t nseg;
    int32_t too_big;        /* the errno when the bytes do not fit */
} Spec;

static const Spec specs[] = {
    {"environ_sizes_get", 2, 0, {{0, -1, 4, false}, {1, -1, 4, false}}, 2,
     ENOMEM},
    {"fd_prestat_get", 2, 0, {{1, -1, 8, false}}, 1, ENOMEM},
    {"fd_prestat_dir_name", 3, 0, {{1, 2, 0, false}}, 1, ENAMETOOLONG},
    /* (fd, dirflags, path, path_len, oflags, rights, rights, fdflags, fd*) */
    {"path_open", 9, (1u << 5) | (1u << 6),
     {{2, 3, 0, true}, {8, -1, 4, false}}, 2, ENAMETOOLONG},
};

typedef StageCode Code;

/* if <cond on the stack> { return err } */
static void return_if(Code *c, int32_t err)
{
    op(c, (WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY});
    i32(c, (uint32_t)err);
    plain(c, WASM_OP_Return);
    plain(c, WASM_OP_End);
}

/* if scratch + <local total> passes the end of memory 0 { return err } */
static void check_memory0(Code *c, uint32_t total, int32_t err)
{
    get(c, total);
    i32(c, c->opt->scratch + 65535);
    plain(c, WASM_OP_I32Add);
    i32(c, 16);
    plain(c, WASM_OP_I32ShrU);
    op(c, wasm_instr_idx(WASM_OP_MemorySize, 0));
    plain(c, WASM_OP_I32GtU);
    return_if(c, err);
}

static void seg_len(Code *c, const Seg *s)
{
    if (s->len_param >= 0)
        get(c, (uint32_t)s->len_param);
    else
        i32(c, s->len);
}

static void generic_body(Code *c, const Spec *sp)
{
    const EmitStageOptions *o = c->opt;
    uint32_t total = c->first_local, err = total + 1, off = total + 2;
    /* every length fits the area on its own (so the sums cannot wrap) */
    for (uint32_t k = 0; k < sp->nseg; k++) {
        seg_len(c, &sp->seg[k]);
        i32(c, o->size);
        plain(c, WASM_OP_I32GtU);
        return_if(c, sp->too_big);
    }
    /* off_k: segment k's place in the area, 4-aligned; total: the bytes */
    i32(c, 0);
    set(c, total);
    for (uint32_t k = 0; k < sp->nseg; k++) {
        get(c, total);
        set(c, off + k);
        get(c, total);
        seg_len(c, &sp->seg[k]);
        i32(c, 3);
        plain(c, WASM_OP_I32Add);
        i32(c, ~3u);
        plain(c, WASM_OP_I32And);
        plain(c, WASM_OP_I32Add);
        set(c, total);
    }
    get(c, total);
    i32(c, o->size);
    plain(c, WASM_OP_I32GtU);
    return_if(c, sp->too_big);
    check_memory0(c, total, sp->too_big);
    /* save the area */
    i32(c, o->save);
    i32(c, o->scratch);
    get(c, total);
    copy(c, o->state_memory, 0);
    for (uint32_t k = 0; k < sp->nseg; k++) {
        const Seg *s = &sp->seg[k];
        if (!s->in)
            continue;
        get(c, off + k);
        i32(c, o->scratch);
        plain(c, WASM_OP_I32Add);
        get(c, (uint32_t)s->ptr);
        seg_len(c, s);
        copy(c, 0, o->state_memory);
    }
    for (uint32_t p = 0; p < sp->nparams; p++) {
        int k = -1;
        for (uint32_t j = 0; j < sp->nseg; j++)
            if (sp->seg[j].ptr == (int8_t)p)
                k = (int)j;
        if (k < 0) {
            get(c, p);
            continue;
        }
        get(c, off + (uint32_t)k);
        i32(c, o->scratch);
        plain(c, WASM_OP_I32Add);
    }
    op(c, wasm_instr_idx(WASM_OP_Call, o->fd_write));
    set(c, err);
    for (uint32_t k = 0; k < sp->nseg; k++) {
        const Seg *s = &sp->seg[k];
        if (s->in)
            continue;
        get(c, (uint32_t)s->ptr);
        get(c, off + k);
        i32(c, o->scratch);
        plain(c, WASM_OP_I32Add);
        seg_len(c, s);
        copy(c, o->state_memory, 0);
    }
    /* restore the area */
    i32(c, o->scratch);
    i32(c, o->save);
    get(c, total);
    copy(c, 0, o->state_memory);
    get(c, err);
}

/* environ_get's parameters, then its locals (E_COUNT4 holds the count
 * until it is bounded, then 4 * count) */
enum { E_ENVIRON, E_BUF, E_COUNT4, E_SIZE, E_TOTAL, E_ERR };
#define E_NLOCALS 4u

static void environ_body(Code *c)
{
    const EmitStageOptions *o = c->opt;
    uint32_t st = o->state_memory;
    /* 4 * count and size, each bounded so that the sums cannot wrap */
    get(c, E_ENVIRON);
    load(c, st, 0);
    set(c, E_COUNT4);
    get(c, E_ENVIRON);
    load(c, st, 4);
    set(c, E_SIZE);
    get(c, E_COUNT4);
    i32(c, 1u << 24);
    plain(c, WASM_OP_I32GtU);
    get(c, E_SIZE);
    i32(c, 1u << 28);
    plain(c, WASM_OP_I32GtU);
    plain(c, WASM_OP_I32Or);
    return_if(c, ENOMEM);
    get(c, E_COUNT4);
    i32(c, 2);
    plain(c, WASM_OP_I32Shl);
    set(c, E_COUNT4);
    get(c, E_COUNT4);
    get(c, E_SIZE);
    plain(c, WASM_OP_I32Add);
    set(c, E_TOTAL);
    check_memory0(c, E_TOTAL, ENOMEM);
    /* save the area after the first `total` bytes of environ */
    get(c, E_ENVIRON);
    get(c, E_TOTAL);
    plain(c, WASM_OP_I32Add);
    i32(c, o->scratch);
    get(c, E_TOTAL);
    copy(c, st, 0);
    i32(c, o->scratch);
    i32(c, o->scratch);
    get(c, E_COUNT4);
    plain(c, WASM_OP_I32Add);
    op(c, wasm_instr_idx(WASM_OP_Call, o->fd_write));
    set(c, E_ERR);
    get(c, E_BUF);
    i32(c, o->scratch);
    get(c, E_COUNT4);
    plain(c, WASM_OP_I32Add);
    get(c, E_SIZE);
    copy(c, st, 0);
    i32(c, o->scratch);
    get(c, E_ENVIRON);
    get(c, E_TOTAL);
    plain(c, WASM_OP_I32Add);
    get(c, E_TOTAL);
    copy(c, 0, st);
    get(c, E_ERR);
}

static bool same_values(const WasmValType *a, const WasmValType *b,
                        uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (a[i].code != b[i].code || a[i].heap != b[i].heap)
            return false;
    return true;
}

/* Whether two function types have the same parameters and results (the
 * module may declare one signature under several type indices). */
static bool same_signature(const WasmType *a, const WasmType *b)
{
    return a->nparams == b->nparams && a->nresults == b->nresults &&
           same_values(a->params, b->params, a->nparams) &&
           same_values(a->results, b->results, a->nresults);
}

uint32_t emit_wasi_import(WasmModule *m, const char *name, uint32_t type)
{
    int64_t f = wasm_find_import(m, "wasi_snapshot_preview1", name,
                                 WASM_EXT_FUNC);
    if (f < 0)
        return wasm_add_import_func(m, "wasi_snapshot_preview1", name, type);
    return same_signature(wasm_func_type(m, (uint32_t)f), &m->types.v[type])
               ? (uint32_t)f : UINT32_MAX;
}

uint32_t emit_stage_wasi(WasmModule *m, const EmitStageOptions *opt,
                         const char *name)
{
    WasmValType i32t = {WASM_I32, 0}, i64t = {WASM_I64, 0};
    WasmValType params[9], locals[4] = {i32t, i32t, i32t, i32t};
    const Spec *sp = NULL;
    bool environ = strcmp(name, "environ_get") == 0;
    uint32_t np = 2, nlocals = E_NLOCALS;
    params[0] = params[1] = i32t;
    if (!environ) {
        for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
            if (strcmp(specs[i].name, name) == 0)
                sp = &specs[i];
        if (!sp)
            return UINT32_MAX;
        np = sp->nparams;
        for (uint32_t p = 0; p < np; p++)
            params[p] = sp->i64_params & (1u << p) ? i64t : i32t;
        nlocals = 2 + sp->nseg;
    }
    uint32_t type = wasm_add_func_type(m, params, np, &i32t, 1);
    uint32_t real = emit_wasi_import(m, name, type);
    if (real == UINT32_MAX)
        return UINT32_MAX;
    EmitStageOptions o = *opt;
    o.fd_write = real; /* the function called */
    Code c = {.opt = &o, .first_local = np};
    if (environ)
        environ_body(&c);
    else
        generic_body(&c, sp);
    uint32_t f = wasm_add_func(m, type, locals, nlocals, c.code.v, c.code.n);
    char fname[64];
    snprintf(fname, sizeof fname, "whamm$stage_%s", name);
    wasm_set_func_name(m, f, fname);
    vec_free(c.code);
    return f;
}
