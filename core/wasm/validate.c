/* validate.c -- validating a module that wasm_module_read accepted (wasm.h,
 * wasm_module_validate).
 * Spec: validation 3.2 (types), 3.3 (instructions, constant expressions),
 * 3.4 (functions, tables, globals, element and data segments).
 *
 * The reader already checks what the rewriter needs: every instruction
 * decodes, blocks nest and split correctly, labels and indices are in
 * range, constant expressions use only constant instructions (body.c,
 * read.c).  This adds, in the order of the sections:
 *   - types: references stay inside their rec group or before it, a
 *     declared supertype is not final and matches structurally;
 *   - constant expressions (table and global initialisers, segment
 *     offsets and element expressions): their result type, and global.get
 *     of an immutable global (an imported one unless the module uses GC);
 *   - function bodies: the operand stack with reference subtyping, block
 *     types, immutable globals and fields, memarg alignments, locals of
 *     non-nullable type read only once set, and the rules that need the
 *     whole module (a data count section for `memory.init`/`data.drop`,
 *     `ref.func` only of functions named outside the bodies);
 *   - the start function takes and returns nothing.
 * The stack algorithm is the stack-type tracker's (stacktypes.c), run here
 * without recording; type matching is subtype.c's.
 *
 * Cost: one more decode of every body, linear; scratch memory is one
 * arena reset per function.  wasm_module_read_validated saves that
 * decode: the reader's walk of each body (body.c) validates it too, after
 * the checks before the bodies, run when the code section begins. */
#include "wasm_impl.h"

#include <stdio.h>
#include <string.h>

/* Whether the module uses GC: a rec group, a sub type, a struct or an
 * array type (the GC proposal lets constant expressions read defined
 * globals). */
static bool uses_gc(const WasmModule *m)
{
    for (uint32_t i = 0; i < m->types.n; i++)
        if (!m->types.v[i].plain)
            return true;
    return false;
}

static uint8_t offset_type(bool is64)
{
    return is64 ? WASM_I64 : WASM_I32;
}

static bool type_ok(const WimplTypes *ty, WasmValType t, size_t off,
                    const char *what, uint32_t idx, WasmError *err)
{
    if (wimpl_val_type_ok(ty, t))
        return true;
    err->failed = true;
    err->offset = off;
    snprintf(err->msg, sizeof err->msg, "%s %u: type %lld out of range",
             what, idx, (long long)t.heap);
    return false;
}

static bool check_tables(const WimplTypes *ty, bool gc, Arena *a,
                         WasmError *err)
{
    const WasmModule *m = ty->m;
    for (uint32_t i = 0; i < m->norig[WASM_EXT_TABLE]; i++) {
        const WasmTable *t = &m->tables.v[i];
        TRY(type_ok(ty, t->elem, t->range.off, "table", i, err));
        if (!t->has_init)
            continue;
        WimplExprName name = {"initialiser of table", i, -1};
        TRY(wimpl_validate_const_expr(ty, &t->init, t->elem, m->globals.n,
                                      gc, name, a, err));
    }
    return true;
}

static bool check_globals(const WimplTypes *ty, bool gc, Arena *a,
                          WasmError *err)
{
    const WasmModule *m = ty->m;
    for (uint32_t i = 0; i < m->norig[WASM_EXT_GLOBAL]; i++) {
        const WasmGlobal *g = &m->globals.v[i];
        TRY(type_ok(ty, g->type, g->range.off, "global", i, err));
        if (g->import >= 0)
            continue;
        WimplExprName name = {"initialiser of global", i, -1};
        TRY(wimpl_validate_const_expr(ty, &g->init, g->type, i, gc, name, a,
                                      err));
    }
    return true;
}

static bool elem_fail(WasmError *err, const WasmElem *e, uint32_t i,
                      const char *why)
{
    err->failed = true;
    err->offset = e->range.off;
    snprintf(err->msg, sizeof err->msg, "element segment %u: %s", i, why);
    return false;
}

static bool check_elem(const WimplTypes *ty, bool gc, uint32_t i, Arena *a,
                       WasmError *err)
{
    const WasmModule *m = ty->m;
    const WasmElem *e = &m->elems.v[i];
    TRY(type_ok(ty, e->type, e->range.off, "element segment", i, err));
    if (e->mode == WASM_SEG_ACTIVE) {
        const WasmTable *t = &m->tables.v[e->table];
        if (!wimpl_val_sub(ty, e->type, t->elem))
            return elem_fail(err, e, i, "its type does not match the "
                             "table's element type");
        WimplExprName name = {"offset of element segment", i, -1};
        TRY(wimpl_validate_const_expr(ty, &e->offset,
                                      (WasmValType){
                                          offset_type(t->limits.is64), 0},
                                      m->globals.n, gc, name, a, err));
    }
    for (uint32_t k = 0; e->uses_exprs && k < e->count; k++) {
        WimplExprName name = {"element segment", i, k};
        TRY(wimpl_validate_const_expr(ty, &e->exprs[k], e->type,
                                      m->globals.n, gc, name, a, err));
        arena_reset(a);
    }
    return true;
}

static bool check_datas(const WimplTypes *ty, bool gc, Arena *a,
                        WasmError *err)
{
    const WasmModule *m = ty->m;
    for (uint32_t i = 0; i < m->ndatas_orig; i++) {
        const WasmData *d = &m->datas.v[i];
        if (d->mode != WASM_SEG_ACTIVE)
            continue;
        bool is64 = m->memories.v[d->memory].limits.is64;
        WimplExprName name = {"offset of data segment", i, -1};
        TRY(wimpl_validate_const_expr(ty, &d->offset,
                                      (WasmValType){offset_type(is64), 0},
                                      m->globals.n, gc, name, a, err));
    }
    return true;
}

/* Types, tables, globals and element segments: the sections before the
 * code. */
static bool check_before_code(const WimplTypes *ty, bool gc, Arena *a,
                              WasmError *err)
{
    TRY(wimpl_check_types(ty, a, err));
    TRY(check_tables(ty, gc, a, err));
    TRY(check_globals(ty, gc, a, err));
    for (uint32_t i = 0; i < ty->m->nelems_orig; i++)
        TRY(check_elem(ty, gc, i, a, err));
    return true;
}

/* Marks the functions a constant expression names with ref.func. */
static void mark_expr_refs(const WasmModule *m, const WasmExpr *e,
                           uint8_t *declared, Arena *a)
{
    WasmError ignored = {0};
    WasmReader r;
    const uint8_t *bytes = e->bytes ? e->bytes : m->bytes + e->off;
    wasm_reader_init(&r, bytes, e->len, &ignored);
    WasmInstr in;
    while (r.p < r.end && wdec_instr(&r, &in, a))
        if (in.op == WASM_OP_RefFunc && in.a < m->funcs.n)
            declared[in.a] = 1;
}

/* The functions `ref.func` may name in a body: those the module names
 * anywhere outside function bodies and the start section. */
static uint8_t *declared_funcs(const WasmModule *m, Arena *a)
{
    uint8_t *d = arena_alloc(a, m->funcs.n ? m->funcs.n : 1);
    memset(d, 0, m->funcs.n ? m->funcs.n : 1);
    for (uint32_t i = 0; i < m->elems.n; i++) {
        const WasmElem *e = &m->elems.v[i];
        for (uint32_t k = 0; k < e->count; k++) {
            if (!e->uses_exprs && e->funcs[k] < m->funcs.n)
                d[e->funcs[k]] = 1;
            else if (e->uses_exprs)
                mark_expr_refs(m, &e->exprs[k], d, a);
        }
    }
    for (uint32_t i = 0; i < m->exports.n; i++)
        if (m->exports.v[i].kind == WASM_EXT_FUNC &&
            m->exports.v[i].index < m->funcs.n)
            d[m->exports.v[i].index] = 1;
    for (uint32_t i = 0; i < m->globals.n; i++)
        if (m->globals.v[i].import < 0)
            mark_expr_refs(m, &m->globals.v[i].init, d, a);
    for (uint32_t i = 0; i < m->tables.n; i++)
        if (m->tables.v[i].has_init)
            mark_expr_refs(m, &m->tables.v[i].init, d, a);
    return d;
}

/* The start function takes and returns nothing. */
static bool check_start(const WasmModule *m, WasmError *err)
{
    if (!m->has_start || m->start >= m->funcs.n)
        return true;
    const WasmType *t = &m->types.v[m->funcs.v[m->start].type];
    if (t->nparams == 0 && t->nresults == 0)
        return true;
    err->failed = true;
    err->offset = 0;
    for (uint32_t i = 0; i < m->sections.n; i++)
        if (m->sections.v[i].id == 8) /* the start section */
            err->offset = m->sections.v[i].payload.off;
    snprintf(err->msg, sizeof err->msg, "start function %u has parameters "
             "or results (it must take and return nothing)", m->start);
    return false;
}

/* Hands back the pages of the input bodies validated so far, a megabyte
 * at a time (*from: the first not handed back yet): each is read once
 * here, and a large module need not be resident whole
 * (file_release_range; nothing happens unless the input is a mapped
 * file). */
static void release_body(const WasmModule *m, uint32_t f,
                         const uint8_t **from)
{
    const WasmFunc *fn = &m->funcs.v[f];
    if (fn->new_body)
        return;
    const uint8_t *body = m->bytes + fn->body.off;
    const uint8_t *end = body + fn->body.len;
    if (!*from || body < *from)
        *from = body;
    if ((size_t)(end - *from) >= (1u << 20)) {
        file_release_range(*from, (size_t)(end - *from));
        *from = NULL;
    }
}

/* Everything validation checks before the bodies, with ty made for
 * them (in the arena `types`). */
static bool validate_before_bodies(const WasmModule *m, WimplTypes *ty,
                                   Arena *types, WasmError *err)
{
    Arena scratch;
    arena_init(&scratch);
    wimpl_types_init(ty, m, types);
    ty->declared = declared_funcs(m, types);
    bool ok = check_start(m, err) &&
              check_before_code(ty, uses_gc(m), &scratch, err);
    arena_fini(&scratch);
    return ok;
}

bool wasm_module_validate(const WasmModule *m, WasmError *err)
{
    memset(err, 0, sizeof *err);
    Arena types, scratch;
    arena_init(&types);
    arena_init(&scratch);
    WimplTypes ty;
    bool ok = validate_before_bodies(m, &ty, &types, err);
    uint32_t first = m->nimported[WASM_EXT_FUNC];
    const uint8_t *unreleased = NULL;
    for (uint32_t f = first; f < m->norig[WASM_EXT_FUNC] && ok; f++) {
        ok = wimpl_validate_body(&ty, f, &scratch, err);
        arena_reset(&scratch);
        release_body(m, f, &unreleased);
    }
    ok = ok && check_datas(&ty, uses_gc(m), &scratch, err);
    arena_fini(&scratch);
    arena_fini(&types);
    return ok;
}

/* ---- validating while reading --------------------------------------------- */

void wimpl_fused_begin(WimplFused *v, const WasmModule *m,
                       WasmError *verdict)
{
    arena_init(&v->types);
    v->verdict = verdict;
    v->on = validate_before_bodies(m, &v->ty, &v->types, verdict);
}

void wimpl_fused_fini(WimplFused *v)
{
    arena_fini(&v->types);
}

/* What validation checks after the bodies: the data segments' offsets. */
static bool validate_after_bodies(const WasmModule *m, WasmError *err)
{
    Arena types, scratch;
    arena_init(&types);
    arena_init(&scratch);
    WimplTypes ty;
    wimpl_types_init(&ty, m, &types);
    bool ok = check_datas(&ty, uses_gc(m), &scratch, err);
    arena_fini(&scratch);
    arena_fini(&types);
    return ok;
}

bool wasm_module_read_validated(WasmModule *m, const uint8_t *bytes,
                                size_t len, FILE *trace, WasmError *err)
{
    WasmError verdict = {0};
    bool fused;
    if (!wimpl_read_module(m, bytes, len, trace, &verdict, &fused, err))
        return false;
    bool ok;
    if (!fused) /* no code section */
        ok = wasm_module_validate(m, err);
    else if (verdict.failed)
        ok = (*err = verdict, false);
    else
        ok = validate_after_bodies(m, err);
    if (!ok)
        wasm_module_fini(m);
    return ok;
}
