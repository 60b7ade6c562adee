/* instance.c -- instantiating a module for the interpreter and calling
 * its exports (execution 4.5: instantiation, invocation).
 *
 * Instantiation order follows the core definition: imports are resolved
 * (only the WASI subset of wasi.c), globals are evaluated in order, memory
 * 0 and the tables are allocated, active element and data segments are
 * copied (and then dropped, as are declarative ones), and the start
 * function runs.  A segment out of bounds fails instantiation.
 */
#include "interp_impl.h"

#include <stdarg.h>
#include <string.h>

/* Slots on the value stack (4 MiB); a call that would need more fails. */
#define STACK_SLOTS (1u << 19)
/* Largest table, in elements, whatever the module declares. */
#define MAX_TABLE (1u << 20)

InterpLimits interp_default_limits(void)
{
    return (InterpLimits){.fuel = INTERP_DEFAULT_FUEL,
                          .max_memory_bytes = INTERP_DEFAULT_MAX_MEMORY,
                          .max_call_depth = INTERP_DEFAULT_MAX_CALL_DEPTH};
}

void interp_fail(InterpError *err, const Interp *it, uint32_t func,
                 uint32_t off, const char *fmt, ...)
{
    char what[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    err->failed = true;
    err->func = func;
    err->offset = off;
    if (!it || func >= it->m->funcs.n) {
        snprintf(err->msg, sizeof err->msg, "%s", what);
        return;
    }
    const WasmFunc *f = &it->m->funcs.v[func];
    char where[24] = "";
    if (off)
        snprintf(where, sizeof where, " at 0x%x", off);
    if (f->name)
        snprintf(err->msg, sizeof err->msg, "%s%s in function %u (%.*s)",
                 what, where, func, (int)f->name_len, f->name);
    else
        snprintf(err->msg, sizeof err->msg, "%s%s in function %u", what,
                 where, func);
}

/* ---- constant expressions (3.3.10: const, ref.null, ref.func,
 * global.get of an earlier global, extended-const add/sub/mul) ---- */

static bool const_op(Interp *it, const WasmInstr *in, uint32_t nready,
                     uint64_t *st, uint32_t *n)
{
    uint32_t k = *n;
    switch (in->op) {
    case WASM_OP_I32Const: case WASM_OP_F32Const:
        st[k++] = (uint32_t)in->x;
        break;
    case WASM_OP_I64Const: case WASM_OP_F64Const: st[k++] = in->x; break;
    case WASM_OP_RefNull: st[k++] = 0; break;
    case WASM_OP_RefFunc:
        if (in->a >= it->m->funcs.n)
            return false;
        st[k++] = (uint64_t)in->a + 1;
        break;
    case WASM_OP_GlobalGet:
        if (in->a >= nready)
            return false;
        st[k++] = it->globals[in->a];
        break;
    case WASM_OP_I32Add: case WASM_OP_I32Sub: case WASM_OP_I32Mul:
    case WASM_OP_I64Add: case WASM_OP_I64Sub: case WASM_OP_I64Mul: {
        if (k < 2)
            return false;
        uint64_t a = st[k - 2], b = st[k - 1], r;
        bool sub = in->op == WASM_OP_I32Sub || in->op == WASM_OP_I64Sub;
        bool mul = in->op == WASM_OP_I32Mul || in->op == WASM_OP_I64Mul;
        bool is32 = in->op == WASM_OP_I32Add || in->op == WASM_OP_I32Sub ||
                    in->op == WASM_OP_I32Mul;
        r = mul ? a * b : sub ? a - b : a + b;
        k--;
        st[k - 1] = is32 ? (uint32_t)r : r;
        break;
    }
    default:
        return false;
    }
    *n = k;
    return true;
}

/* Evaluates e; globals below nready may be read.  False with err. */
static bool eval_const(Interp *it, const WasmExpr *e, uint32_t nready,
                       uint64_t *out, const char *what, InterpError *err)
{
    const WasmModule *m = it->m;
    const uint8_t *bytes = e->bytes ? e->bytes : m->bytes + e->off;
    uint32_t len = e->len;
    WasmError werr = {0};
    WasmReader r;
    uint64_t st[16];
    uint32_t n = 0;
    wasm_reader_init(&r, bytes, len, &werr);
    while (r.p < r.end) {
        WasmInstr in;
        if (!wdec_instr(&r, &in, NULL))
            break;
        if (in.op == WASM_OP_End && n == 1) {
            *out = st[0];
            return true;
        }
        if (n == ARRAY_LEN(st) || !const_op(it, &in, nready, st, &n))
            break;
    }
    interp_fail(err, it, UINT32_MAX, 0,
                "cannot evaluate the constant expression of %s", what);
    return false;
}

/* ---- instantiation ------------------------------------------------------- */

static bool bind_imports(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    for (uint32_t i = 0; i < m->imports.n; i++) {
        const WasmImport *imp = &m->imports.v[i];
        bool ok = false;
        int host = -1;
        if (imp->kind == WASM_EXT_FUNC && imp->index < m->funcs.n)
            host = interp_wasi_lookup(m, imp, m->funcs.v[imp->index].type,
                                      &ok);
        if (host >= 0 && !ok) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "imports %s.%s with a type WASI does not give it",
                        imp->module, imp->field);
            return false;
        }
        if (host < 0) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "imports %s.%s, which cannot be provided at "
                        "instrumentation time",
                        imp->module, imp->field);
            return false;
        }
        it->funcs[imp->index].host = host;
    }
    return true;
}

static bool init_funcs(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    it->funcs = arena_alloc(&it->arena, sizeof *it->funcs * (m->funcs.n + 1));
    for (uint32_t i = 0; i < m->funcs.n; i++) {
        uint32_t t = m->funcs.v[i].type;
        if (t >= m->types.n || m->types.v[t].kind != WASM_TYPE_FUNC) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "function %u has no function type", i);
            return false;
        }
        it->funcs[i].host = -1;
        it->funcs[i].nparams = m->types.v[t].nparams;
        it->funcs[i].nresults = m->types.v[t].nresults;
    }
    return bind_imports(it, err);
}

static bool init_globals(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    it->globals = arena_alloc(&it->arena,
                              sizeof *it->globals * (m->globals.n + 1));
    for (uint32_t i = 0; i < m->globals.n; i++)
        if (!eval_const(it, &m->globals.v[i].init, i, &it->globals[i],
                        "a global", err))
            return false;
    return true;
}

static bool init_memory(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    if (m->memories.n == 0)
        return true;
    const WasmLimits *l = &m->memories.v[0].limits;
    it->page_log2 = l->has_page_log2 ? l->page_log2 : 16;
    if (l->is64 || it->page_log2 > 16) /* code using it is refused */
        return true;
    uint64_t pages_max = (UINT64_C(1) << 32) >> it->page_log2;
    uint64_t max = l->has_max && l->max < pages_max ? l->max : pages_max;
    it->mem_max = max << it->page_log2;
    if (it->mem_max > it->lim.max_memory_bytes)
        it->mem_max = it->lim.max_memory_bytes;
    if (l->min > max || (l->min << it->page_log2) > it->mem_max) {
        interp_fail(err, NULL, UINT32_MAX, 0,
                    "memory 0 needs %llu pages, more than the %llu bytes "
                    "allowed",
                    (unsigned long long)l->min,
                    (unsigned long long)it->mem_max);
        return false;
    }
    it->has_mem = true;
    it->mem_size = l->min << it->page_log2;
    it->mem = xcalloc(1, it->mem_size ? it->mem_size : 1);
    return true;
}

static bool init_tables(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    it->tables = arena_alloc(&it->arena, sizeof *it->tables * (m->tables.n + 1));
    for (uint32_t i = 0; i < m->tables.n; i++) {
        const WasmTable *t = &m->tables.v[i];
        ITable *tt = &it->tables[i];
        uint64_t init = 0;
        tt->max = t->limits.has_max && t->limits.max < MAX_TABLE
                      ? (uint32_t)t->limits.max : MAX_TABLE;
        if (t->limits.min > tt->max) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "table %u is larger than %u elements", i, tt->max);
            return false;
        }
        if (t->has_init && !eval_const(it, &t->init, m->globals.n, &init,
                                       "a table", err))
            return false;
        tt->size = (uint32_t)t->limits.min;
        tt->elems = xcalloc(tt->size + 1u, sizeof *tt->elems);
        for (uint32_t k = 0; k < tt->size; k++)
            tt->elems[k] = init;
    }
    return true;
}

/* The references of element segment i (evaluated once). */
static bool elem_values(Interp *it, uint32_t i, InterpError *err)
{
    const WasmElem *e = &it->m->elems.v[i];
    uint64_t *v = arena_alloc(&it->arena, sizeof *v * ((size_t)e->count + 1));
    for (uint32_t k = 0; k < e->count; k++) {
        if (e->uses_exprs) {
            if (!eval_const(it, &e->exprs[k], it->m->globals.n, &v[k],
                            "an element", err))
                return false;
        } else if (e->funcs[k] < it->m->funcs.n) {
            v[k] = (uint64_t)e->funcs[k] + 1;
        } else {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "element segment %u names function %u, which does "
                        "not exist", i, e->funcs[k]);
            return false;
        }
    }
    it->elem_vals[i] = v;
    return true;
}

static bool init_elems(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    uint32_t n = m->elems.n;
    it->elem_vals = arena_alloc(&it->arena, sizeof *it->elem_vals * (n + 1));
    it->elem_dropped = arena_alloc(&it->arena, sizeof(bool) * (n + 1));
    for (uint32_t i = 0; i < n; i++) {
        const WasmElem *e = &m->elems.v[i];
        uint64_t off;
        if (!elem_values(it, i, err))
            return false;
        it->elem_dropped[i] = e->mode != WASM_SEG_PASSIVE;
        if (e->mode != WASM_SEG_ACTIVE)
            continue;
        if (!eval_const(it, &e->offset, m->globals.n, &off, "an element "
                        "segment's offset", err))
            return false;
        if (e->table >= m->tables.n ||
            (uint64_t)(uint32_t)off + e->count > it->tables[e->table].size) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "element segment %u: out of bounds table access", i);
            return false;
        }
        if (e->count)
            memcpy(it->tables[e->table].elems + (uint32_t)off,
                   it->elem_vals[i], sizeof(uint64_t) * e->count);
    }
    return true;
}

static bool init_datas(Interp *it, InterpError *err)
{
    const WasmModule *m = it->m;
    it->data_dropped = arena_alloc(&it->arena,
                                   sizeof(bool) * (m->datas.n + 1));
    for (uint32_t i = 0; i < m->datas.n; i++) {
        const WasmData *d = &m->datas.v[i];
        uint64_t off;
        it->data_dropped[i] = d->mode == WASM_SEG_ACTIVE;
        if (d->mode != WASM_SEG_ACTIVE)
            continue;
        if (d->memory != 0 || !it->has_mem) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "data segment %u is for a memory other than a "
                        "32-bit memory 0", i);
            return false;
        }
        if (!eval_const(it, &d->offset, m->globals.n, &off,
                        "a data segment's offset", err))
            return false;
        if ((uint64_t)(uint32_t)off + d->len > it->mem_size) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "data segment %u: out of bounds memory access", i);
            return false;
        }
        if (d->len)
            memcpy(it->mem + (uint32_t)off, d->bytes, d->len);
    }
    return true;
}

Interp *interp_new(const WasmModule *m, const InterpLimits *lim,
                   InterpError *err)
{
    memset(err, 0, sizeof *err);
    err->func = UINT32_MAX;
    Interp *it = xcalloc(1, sizeof *it);
    it->m = m;
    it->lim = lim ? *lim : interp_default_limits();
    if (it->lim.max_call_depth == 0)
        it->lim.max_call_depth = 1;
    it->out = it->lim.out ? it->lim.out : stderr;
    it->rng = UINT64_C(0x5EED);
    arena_init(&it->arena);
    it->stack_cap = STACK_SLOTS;
    it->stack = xcalloc(it->stack_cap, sizeof *it->stack);
    it->frames = xcalloc(it->lim.max_call_depth, sizeof *it->frames);
    bool ok = init_funcs(it, err) && init_globals(it, err) &&
              init_memory(it, err) && init_tables(it, err) &&
              init_elems(it, err) && init_datas(it, err);
    if (ok && m->has_start)
        ok = interp_call_func(it, m->start, NULL, 0, NULL, 0, NULL, err);
    if (!ok) {
        interp_free(it);
        return NULL;
    }
    return it;
}

void interp_free(Interp *it)
{
    if (!it)
        return;
    for (uint32_t i = 0; it->tables && i < it->m->tables.n; i++)
        free(it->tables[i].elems);
    free(it->mem);
    free(it->stack);
    free(it->frames);
    arena_fini(&it->arena);
    free(it);
}

void interp_set_output(Interp *it, FILE *out) { it->out = out; }

uint8_t *interp_memory(Interp *it, uint64_t *len)
{
    *len = it->mem_size;
    return it->mem_size ? it->mem : NULL;
}

uint64_t interp_global_bits(const Interp *it, uint32_t index)
{
    return index < it->m->globals.n ? it->globals[index] : 0;
}

uint64_t interp_steps(const Interp *it) { return it->steps; }

/* ---- calls --------------------------------------------------------------- */

static bool put_args(Interp *it, const WasmType *t, const InterpValue *args,
                     uint32_t nargs, InterpError *err)
{
    if (nargs != t->nparams) {
        interp_fail(err, NULL, UINT32_MAX, 0,
                    "the function takes %u arguments, not %u", t->nparams,
                    nargs);
        return false;
    }
    for (uint32_t i = 0; i < nargs; i++) {
        if (args[i].type != t->params[i].code) {
            interp_fail(err, NULL, UINT32_MAX, 0,
                        "argument %u has the wrong type", i + 1);
            return false;
        }
        switch (args[i].type) {
        case WASM_I32: it->stack[i] = args[i].v.i32; break;
        case WASM_F32: {
            uint32_t b;
            memcpy(&b, &args[i].v.f32, 4);
            it->stack[i] = b;
            break;
        }
        default: it->stack[i] = args[i].v.i64; break; /* i64 f64 refs */
        }
    }
    return true;
}

static void get_results(const Interp *it, const WasmType *t,
                        InterpValue *results)
{
    for (uint32_t i = 0; i < t->nresults; i++) {
        InterpValue *r = &results[i];
        memset(r, 0, sizeof *r);
        r->type = t->results[i].code;
        if (r->type == WASM_I32)
            r->v.i32 = (uint32_t)it->stack[i];
        else if (r->type == WASM_F32) {
            uint32_t b = (uint32_t)it->stack[i];
            memcpy(&r->v.f32, &b, 4);
        } else
            r->v.i64 = it->stack[i];
    }
}

bool interp_call_func(Interp *it, uint32_t func, const InterpValue *args,
                      uint32_t nargs, InterpValue *results,
                      uint32_t max_results, uint32_t *nresults,
                      InterpError *err)
{
    memset(err, 0, sizeof *err);
    err->func = UINT32_MAX;
    if (nresults)
        *nresults = 0;
    if (func >= it->m->funcs.n) {
        interp_fail(err, NULL, UINT32_MAX, 0, "no function %u", func);
        return false;
    }
    const WasmType *t = &it->m->types.v[it->m->funcs.v[func].type];
    if (t->nresults > max_results || t->nparams > it->stack_cap) {
        interp_fail(err, it, func, 0, "the function returns %u values",
                    t->nresults);
        return false;
    }
    if (!put_args(it, t, args, nargs, err) || !interp_run(it, func, err))
        return false;
    get_results(it, t, results);
    if (nresults)
        *nresults = t->nresults;
    return true;
}

bool interp_call(Interp *it, const char *export_name,
                 const InterpValue *args, uint32_t nargs,
                 InterpValue *results, uint32_t max_results,
                 uint32_t *nresults, InterpError *err)
{
    int32_t e = wasm_find_export(it->m, export_name, WASM_EXT_FUNC);
    if (e < 0) {
        memset(err, 0, sizeof *err);
        err->func = UINT32_MAX;
        interp_fail(err, NULL, UINT32_MAX, 0, "no exported function '%s'",
                    export_name);
        return false;
    }
    return interp_call_func(it, it->m->exports.v[e].index, args, nargs,
                            results, max_results, nresults, err);
}
