/* merge.c -- merging a position-independent library module into a module
 * (wasm.h "merging a library module"; docs/wasm-core.md "Merging a library
 * module": the instrumentation runtime is C compiled to Wasm and merged
 * into the output).
 *
 * The library is what `wasm-ld -shared --experimental-pic` makes from C
 * compiled with `--target=wasm32-unknown-emscripten -fPIC` (clang 14 emits
 * PIC only for that triple): its data and every address it computes are
 * relative to the imported global `env.__memory_base`, its memory is the
 * imported `env.memory`, and the `dylink.0` custom section says how many
 * bytes of memory it needs.  Binding those imports is all it takes to put
 * the library's state wherever the rewriter wants it: an arena inside the
 * app's memory, or a memory of its own.
 *
 * Every library index (type, function, global, memory) is mapped to a
 * working index of the target module.  A position-independent library's
 * bodies are copied with only what moves re-encoded (merge_code.c); a
 * plain module's are re-encoded through the maps here. */
#include "merge_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool fail(Merger *g, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fail(Merger *g, const char *fmt, ...)
{
    if (g->err->failed)
        return false;
    g->err->failed = true;
    g->err->offset = 0;
    int n = snprintf(g->err->msg, sizeof g->err->msg, "library: ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err->msg + n, sizeof g->err->msg - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

/* ---- dylink.0 ------------------------------------------------------------- */

/* Subsection 1 (WASM_DYLINK_MEM_INFO): mem_size, mem_align, table_size,
 * table_align, all u32 LEB. */
static bool read_dylink(Merger *g)
{
    const WasmModule *lib = g->lib;
    for (uint32_t i = 0; i < lib->sections.n; i++) {
        const WasmSection *s = &lib->sections.v[i];
        if (s->id != 0 || strcmp(s->custom_name, "dylink.0") != 0)
            continue;
        WasmReader r;
        wimpl_reader_at(&r, lib, s->entries, g->err);
        while (r.p < r.end) {
            uint8_t id;
            uint32_t size, table_size = 0, table_align;
            const uint8_t *content;
            TRY(wdec_byte(&r, &id, "dylink subsection") &&
                wdec_u32(&r, &size, "dylink subsection size") &&
                wdec_bytes(&r, size, &content, "dylink subsection"));
            if (id != 1)
                continue;
            WasmReader sub = r;
            sub.p = content;
            sub.end = content + size;
            TRY(wdec_u32(&sub, &g->out->mem_size, "dylink mem_size") &&
                wdec_u32(&sub, &g->out->mem_align, "dylink mem_align") &&
                wdec_u32(&sub, &table_size, "dylink table_size") &&
                wdec_u32(&sub, &table_align, "dylink table_align"));
            if (table_size > 0)
                return fail(g, "uses a function table (function pointers "
                               "are not supported in merged code)");
        }
        return true;
    }
    return fail(g, "not a position-independent library (no dylink.0 "
                   "section; link it with wasm-ld -shared --experimental-pic)");
}

/* A plain module's memory: at most one, 32-bit, unshared, with default
 * pages, whose initial size fits the region. */
static bool read_region(Merger *g)
{
    const WasmModule *lib = g->lib;
    g->out->bytes_used = g->opt->region_pages * 65536u;
    if (lib->memories.n == 0)
        return true;
    if (lib->memories.n > 1)
        return fail(g, "has %u memories (at most one is supported)",
                    lib->memories.n);
    const WasmLimits *l = &lib->memories.v[0].limits;
    if (l->is64 || l->shared || l->page_log2 != 16)
        return fail(g, "has a %s memory", l->is64 ? "64-bit"
                    : l->shared ? "shared" : "custom-page");
    if (l->min > g->opt->region_pages)
        return fail(g, "needs %llu pages of memory, more than the %u of "
                    "its region", (unsigned long long)l->min,
                    g->opt->region_pages);
    g->out->mem_size = (uint32_t)l->min * 65536u;
    g->maps[WASM_EXT_MEMORY][0] = g->opt->memory;
    return true;
}

/* ---- types ------------------------------------------------------------------ */

static bool plain_valtype(WasmValType t)
{
    return !((t.code == WASM_REF || t.code == WASM_REF_NULL) && t.heap >= 0);
}

static bool map_types(Merger *g)
{
    const WasmModule *lib = g->lib;
    for (uint32_t i = 0; i < lib->types.n; i++) {
        const WasmType *t = &lib->types.v[i];
        bool plain = t->kind == WASM_TYPE_FUNC && t->nsupers == 0;
        for (uint32_t k = 0; plain && k < t->nparams; k++)
            plain = plain_valtype(t->params[k]);
        for (uint32_t k = 0; plain && k < t->nresults; k++)
            plain = plain_valtype(t->results[k]);
        if (!plain)
            return fail(g, "type %u is not a plain function type", i);
        g->types[i] = wasm_add_func_type(g->m, t->params, t->nparams,
                                         t->results, t->nresults);
    }
    return true;
}

/* ---- imports ------------------------------------------------------------------ */

static uint32_t const_global(Merger *g, uint32_t value, bool mut)
{
    WasmInstr init = wasm_instr_i32((int32_t)value);
    return wasm_add_global(g->m, (WasmValType){WASM_I32, 0}, mut, &init, 1);
}

/* __memory_base and __table_base are constants once bound: every read of
 * them becomes an i32.const (constant expressions may not read a defined
 * global in Wasm 2.0, and a constant is cheaper in code too). */
static void bind_constant(Merger *g, uint32_t global, uint32_t value)
{
    g->is_const[global] = true;
    g->const_val[global] = value;
}

static uint32_t align_up(uint32_t v, uint32_t a) { return (v + a - 1) & ~(a - 1); }

/* __memory_base, __table_base and __stack_pointer become globals of m; the
 * stack grows down from the end of the reserved area. */
static bool bind_global(Merger *g, const WasmImport *imp)
{
    uint32_t base = g->opt->memory_base;
    uint32_t *slot = &g->maps[WASM_EXT_GLOBAL][imp->index];
    if (strcmp(imp->module, "env") == 0) {
        if (strcmp(imp->field, "__memory_base") == 0) {
            bind_constant(g, imp->index, base);
            return true;
        }
        if (strcmp(imp->field, "__table_base") == 0) {
            bind_constant(g, imp->index, 0);
            return true;
        }
        if (strcmp(imp->field, "__stack_pointer") == 0) {
            if (g->opt->stack_size == 0)
                return fail(g, "uses a stack but no stack space was given");
            uint32_t top = align_up(base + g->out->mem_size, 16) +
                           align_up(g->opt->stack_size, 16);
            g->out->bytes_used = top - base;
            *slot = const_global(g, top, true);
            return true;
        }
    }
    if (strncmp(imp->module, "GOT.", 4) == 0)
        return fail(g, "imports %s.%s: taking the address of a function or "
                       "of external data is not supported", imp->module,
                    imp->field);
    return fail(g, "imports global %s.%s, which cannot be provided",
                imp->module, imp->field);
}

static bool same_type(const WasmModule *m, uint32_t a, uint32_t b)
{
    const WasmType *x = &m->types.v[a], *y = &m->types.v[b];
    if (x->kind != WASM_TYPE_FUNC || y->kind != WASM_TYPE_FUNC ||
        x->nparams != y->nparams || x->nresults != y->nresults)
        return false;
    for (uint32_t i = 0; i < x->nparams; i++)
        if (x->params[i].code != y->params[i].code)
            return false;
    for (uint32_t i = 0; i < x->nresults; i++)
        if (x->results[i].code != y->results[i].code)
            return false;
    return true;
}

static int64_t find_binding(const Merger *g, const WasmImport *imp)
{
    for (uint32_t i = 0; i < g->opt->nbindings; i++) {
        const WasmMergeBinding *b = &g->opt->bindings[i];
        if (strcmp(b->module, imp->module) == 0 &&
            strcmp(b->field, imp->field) == 0)
            return b->func;
    }
    return -1;
}

/* A function import goes to the caller's binding, else to m's import of
 * the same name, else to a new import. */
static bool bind_func(Merger *g, const WasmImport *imp)
{
    uint32_t type = g->types[g->lib->funcs.v[imp->index].type];
    int64_t have = find_binding(g, imp);
    if (have < 0)
        have = wasm_find_import(g->m, imp->module, imp->field, WASM_EXT_FUNC);
    if (have >= 0) {
        if (!same_type(g->m, g->m->funcs.v[have].type, type))
            return fail(g, "imports %s.%s with a different type than the "
                           "function it is bound to", imp->module,
                        imp->field);
        g->maps[WASM_EXT_FUNC][imp->index] = (uint32_t)have;
        return true;
    }
    g->maps[WASM_EXT_FUNC][imp->index] =
        wasm_add_import_func(g->m, imp->module, imp->field, type);
    return true;
}

/* A plain module's imports: its memory is the region; functions must be
 * bound by the caller. */
static bool bind_plain_import(Merger *g, const WasmImport *imp)
{
    switch (imp->kind) {
    case WASM_EXT_MEMORY:
        g->maps[WASM_EXT_MEMORY][imp->index] = g->opt->memory;
        return true;
    case WASM_EXT_FUNC: {
        int64_t f = find_binding(g, imp);
        if (f < 0)
            return fail(g, "imports function %s.%s, which whamm cannot "
                        "provide", imp->module, imp->field);
        if (!same_type(g->m, g->m->funcs.v[f].type,
                       g->types[g->lib->funcs.v[imp->index].type]))
            return fail(g, "imports %s.%s with another type than whamm's",
                        imp->module, imp->field);
        g->maps[WASM_EXT_FUNC][imp->index] = (uint32_t)f;
        return true;
    }
    default:
        return fail(g, "imports %s %s.%s, which whamm cannot provide",
                    imp->kind == WASM_EXT_GLOBAL ? "global"
                    : imp->kind == WASM_EXT_TABLE ? "table" : "a tag",
                    imp->module, imp->field);
    }
}

static bool bind_imports(Merger *g)
{
    const WasmModule *lib = g->lib;
    if (g->opt->plain) {
        for (uint32_t i = 0; i < lib->imports.n; i++)
            TRY(bind_plain_import(g, &lib->imports.v[i]));
        return true;
    }
    g->out->bytes_used = align_up(g->out->mem_size, 16);
    for (uint32_t i = 0; i < lib->imports.n; i++) {
        const WasmImport *imp = &lib->imports.v[i];
        bool env = strcmp(imp->module, "env") == 0;
        switch (imp->kind) {
        case WASM_EXT_MEMORY:
            if (!env || strcmp(imp->field, "memory") != 0)
                return fail(g, "imports memory %s.%s", imp->module,
                            imp->field);
            if (lib->memories.v[imp->index].limits.is64)
                return fail(g, "uses a 64-bit memory");
            g->maps[WASM_EXT_MEMORY][imp->index] = g->opt->memory;
            break;
        case WASM_EXT_GLOBAL:
            TRY(bind_global(g, imp));
            break;
        case WASM_EXT_TABLE:
            /* __indirect_function_table is imported even when unused;
             * any use is refused where it happens (code, elements) */
            break;
        case WASM_EXT_FUNC:
            TRY(bind_func(g, imp));
            break;
        default:
            return fail(g, "imports %s.%s of an unsupported kind",
                        imp->module, imp->field);
        }
    }
    return true;
}

/* ---- code ---------------------------------------------------------------------- */

static bool remap_types(Merger *g, WasmInstr *in)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_BLOCKTYPE:
        if (in->bt_kind == WASM_BT_TYPEIDX)
            in->a = g->types[in->a];
        else if (in->bt_kind == WASM_BT_VALTYPE && !plain_valtype(in->vt))
            return fail(g, "uses typed references");
        return true;
    case IMM_CALL_INDIRECT:
        if (!g->opt->plain)
            return fail(g, "uses '%s', which merged code may not",
                        wasm_ops[in->op].name);
        in->a = g->types[in->a];
        return true;
    case IMM_TYPE: case IMM_TYPE_FIELD:
    case IMM_TYPE_TYPE: case IMM_TYPE_N: case IMM_TYPE_DATA:
    case IMM_TYPE_ELEM: case IMM_TRY_TABLE: case IMM_HEAPTYPE:
    case IMM_BR_ON_CAST: case IMM_SELECT_T:
        return fail(g, "uses '%s', which merged code may not",
                    wasm_ops[in->op].name);
    default:
        return true;
    }
}

/* A plain module's instruction: tables are its own; a load or store gets
 * the region's base in its offset. */
static bool remap_plain(Merger *g, WasmInstr *in)
{
    WasmImmShape imm = (WasmImmShape)wasm_ops[in->op].imm;
    if (wasm_instr_refs(in) & WASM_REFS_TAG)
        return fail(g, "uses '%s' (exceptions are not supported in "
                       "libraries)", wasm_ops[in->op].name);
    if (imm == IMM_ELEM || imm == IMM_ELEM_TABLE || imm == IMM_DATA ||
        imm == IMM_DATA_MEM)
        return fail(g, "uses '%s' (passive segments are not supported in "
                       "libraries)", wasm_ops[in->op].name);
    if (imm == IMM_MEMARG || imm == IMM_MEMARG_LANE) {
        in->x += g->opt->memory_base;
        if (in->x > UINT32_MAX)
            return fail(g, "has a memory offset too large to move its "
                           "memory into whamm's");
    }
    TRY(remap_types(g, in));
    wasm_instr_remap(in, g->maps);
    return true;
}

/* Maps one instruction's indices; reads of constant globals become
 * i32.const. */
bool wimpl_merge_remap(Merger *g, WasmInstr *in)
{
    if (in->op == WASM_OP_GlobalGet && g->is_const[in->a]) {
        *in = wasm_instr_i32((int32_t)g->const_val[in->a]);
        return true;
    }
    if (in->op == WASM_OP_GlobalSet && g->is_const[in->a])
        return fail(g, "writes a constant global");
    if (g->opt->plain)
        return remap_plain(g, in);
    if (wasm_instr_refs(in) & (WASM_REFS_TABLE | WASM_REFS_TAG))
        return fail(g, "uses '%s' (tables and exceptions are not supported "
                       "in merged code)", wasm_ops[in->op].name);
    TRY(remap_types(g, in));
    wasm_instr_remap(in, g->maps);
    return true;
}

static void put(Buf *out, uint32_t *refs, WasmInstr in)
{
    *refs |= wasm_instr_refs(&in);
    wenc_instr(out, &in);
}

/* The region's base added to the address on the stack. */
static void put_rebase(Merger *g, Buf *out, uint32_t *refs)
{
    put(out, refs, wasm_instr_i32((int32_t)g->opt->memory_base));
    put(out, refs, wasm_instr(WASM_OP_I32Add));
}

/* memory.fill d v n / memory.copy d s n on the region: both addresses
 * moved by the base through the body's temporaries. */
static void put_bulk(Merger *g, const WasmInstr *in, Buf *out, uint32_t *refs)
{
    uint32_t t = g->temps;
    bool copy = in->op == WASM_OP_MemoryCopy;
    put(out, refs, wasm_instr_idx(WASM_OP_LocalSet, t + 2));
    if (copy)
        put_rebase(g, out, refs);
    put(out, refs, wasm_instr_idx(WASM_OP_LocalSet, t + 1));
    put_rebase(g, out, refs);
    put(out, refs, wasm_instr_idx(WASM_OP_LocalGet, t + 1));
    put(out, refs, wasm_instr_idx(WASM_OP_LocalGet, t + 2));
    WasmInstr op = *in;
    op.a = g->opt->memory;
    op.b = copy ? g->opt->memory : 0;
    put(out, refs, op);
}

/* A plain module's memory.size/grow/fill/copy: written in place of in
 * (true), or left to wimpl_merge_remap (false). */
static bool put_region_op(Merger *g, const WasmInstr *in, Buf *out,
                          uint32_t *refs)
{
    switch (in->op) {
    case WASM_OP_MemorySize:
        put(out, refs, wasm_instr_idx(WASM_OP_GlobalGet,
                                      g->opt->size_global));
        return true;
    case WASM_OP_MemoryGrow:
        put(out, refs, wasm_instr_idx(WASM_OP_Call, g->opt->grow_func));
        return true;
    case WASM_OP_MemoryFill: case WASM_OP_MemoryCopy:
        put_bulk(g, in, out, refs);
        return true;
    default:
        return false;
    }
}

/* Decodes an instruction sequence, maps every index, encodes it. */
static bool remap_seq(Merger *g, WasmReader *r, Buf *out, uint32_t *refs)
{
    while (r->p < r->end) {
        WasmInstr in;
        TRY(wdec_instr(r, &in, &g->scratch));
        if (g->opt->plain && put_region_op(g, &in, out, refs))
            continue;
        TRY(wimpl_merge_remap(g, &in));
        *refs |= wasm_instr_refs(&in);
        wenc_instr(out, &in);
    }
    return true;
}

static bool decode_expr(Merger *g, const WasmExpr *e, WasmInstr **code,
                        uint32_t *n)
{
    const uint8_t *bytes = e->bytes ? e->bytes : g->lib->bytes + e->off;
    WasmReader r;
    wasm_reader_init(&r, bytes, e->len, g->err);
    VEC(WasmInstr) v = {0};
    bool ok = true;
    while (ok && r.p < r.end) {
        WasmInstr in;
        ok = wdec_instr(&r, &in, &g->scratch) &&
             (in.op == WASM_OP_End || wimpl_merge_remap(g, &in));
        if (ok && in.op != WASM_OP_End)
            vec_push(v, in);
    }
    *code = ok ? arena_dup(&g->scratch, v.v, sizeof *v.v * v.n) : NULL;
    *n = v.n;
    vec_free(v);
    return ok;
}

static bool add_globals(Merger *g)
{
    const WasmModule *lib = g->lib;
    for (uint32_t i = lib->nimported[WASM_EXT_GLOBAL]; i < lib->globals.n;
         i++) {
        const WasmGlobal *gl = &lib->globals.v[i];
        if (!plain_valtype(gl->type))
            return fail(g, "global %u has a typed reference type", i);
        WasmInstr *code;
        uint32_t n;
        TRY(decode_expr(g, &gl->init, &code, &n));
        g->maps[WASM_EXT_GLOBAL][i] = wasm_add_global(g->m, gl->type,
                                                      gl->mut, code, n);
    }
    return true;
}

static bool add_body(Merger *g, uint32_t f, uint32_t expect)
{
    const WasmFunc *fn = &g->lib->funcs.v[f];
    WasmReader r;
    wasm_reader_init(&r, g->lib->bytes + fn->body.off, fn->body.len, g->err);
    const uint8_t *start = r.p;
    uint64_t nlocals;
    TRY(wimpl_read_locals(&r, &nlocals));
    Buf body;
    buf_init(&body);
    buf_reserve(&body, fn->body.len + fn->body.len / 4 + 16); /* no regrowth */
    uint32_t refs = 0, ninstr = 0;
    bool ok;
    if (g->opt->plain) {
        /* three more i32 locals: the temporaries of put_bulk */
        g->temps = g->lib->types.v[fn->type].nparams + (uint32_t)nlocals;
        WasmReader groups = r;
        groups.p = start;
        uint32_t ngroups;
        TRY(wdec_u32(&groups, &ngroups, "local declaration count"));
        wenc_u32(&body, ngroups + 1);
        buf_append(&body, groups.p, (size_t)(r.p - groups.p));
        wenc_u32(&body, 3);
        buf_push(&body, WASM_I32);
        ok = remap_seq(g, &r, &body, &refs);
    } else {
        ok = wimpl_merge_code(g, fn, (uint32_t)nlocals, start, &r, &body,
                              &refs, &ninstr);
    }
    if (ok) {
        uint32_t got = wimpl_add_func_body(g->m, g->types[fn->type],
                                           body.data, (uint32_t)body.len,
                                           refs);
        ok = got == expect || fail(g, "internal error: function order");
        if (ok)
            g->m->funcs.v[got].ninstr = ninstr;
        if (ok && fn->name)
            wasm_set_func_name(g->m, got, fn->name);
    }
    buf_fini(&body);
    arena_reset(&g->scratch);
    return ok;
}

static bool add_functions(Merger *g)
{
    const WasmModule *lib = g->lib;
    uint32_t first = lib->nimported[WASM_EXT_FUNC];
    /* the library's functions get consecutive indices, known up front so
     * calls between them can be mapped while encoding */
    for (uint32_t f = first; f < lib->funcs.n; f++)
        g->maps[WASM_EXT_FUNC][f] = g->m->funcs.n + (f - first);
    g->out->first_func = g->m->funcs.n;
    g->out->end_func = g->m->funcs.n + (lib->funcs.n - first);
    for (uint32_t f = first; f < lib->funcs.n; f++)
        TRY(add_body(g, f, g->maps[WASM_EXT_FUNC][f]));
    return true;
}

/* A plain module's tables become m's. */
static bool add_tables(Merger *g)
{
    const WasmModule *lib = g->lib;
    for (uint32_t i = lib->nimported[WASM_EXT_TABLE]; i < lib->tables.n;
         i++) {
        const WasmTable *t = &lib->tables.v[i];
        if (!plain_valtype(t->elem) || t->has_init || t->limits.is64)
            return fail(g, "table %u is not a plain table of references", i);
        g->maps[WASM_EXT_TABLE][i] = wasm_add_table(g->m, t->elem, t->limits);
    }
    return true;
}

/* ... and their active segments of function indices. */
static bool add_elems(Merger *g)
{
    const WasmModule *lib = g->lib;
    for (uint32_t i = 0; i < lib->elems.n; i++) {
        const WasmElem *e = &lib->elems.v[i];
        if (e->mode != WASM_SEG_ACTIVE || e->uses_exprs)
            return fail(g, "has an element segment of a kind not supported "
                           "in libraries (only active lists of functions)");
        WasmInstr *code;
        uint32_t n;
        TRY(decode_expr(g, &e->offset, &code, &n));
        uint32_t *funcs = arena_alloc(&g->scratch,
                                      sizeof *funcs * (e->count + 1));
        for (uint32_t k = 0; k < e->count; k++)
            funcs[k] = g->maps[WASM_EXT_FUNC][e->funcs[k]];
        wasm_add_elem(g->m, WASM_SEG_ACTIVE, g->maps[WASM_EXT_TABLE][e->table],
                      code, n, funcs, e->count);
        arena_reset(&g->scratch);
    }
    return true;
}

/* A plain module's data: active segments at constant offsets, moved into
 * the region. */
static bool add_region_data(Merger *g)
{
    const WasmModule *lib = g->lib;
    for (uint32_t i = 0; i < lib->datas.n; i++) {
        const WasmData *d = &lib->datas.v[i];
        int32_t at;
        if (d->mode != WASM_SEG_ACTIVE || !wasm_expr_i32_const(lib, &d->offset,
                                                               &at))
            return fail(g, "data segment %u is not active at a constant "
                           "offset", i);
        if ((uint64_t)(uint32_t)at + d->len > g->out->mem_size)
            return fail(g, "data segment %u lies outside its memory", i);
        WasmInstr off = wasm_instr_i32((int32_t)(g->opt->memory_base +
                                                 (uint32_t)at));
        wasm_add_data(g->m, g->opt->memory, &off, 1, d->bytes, d->len);
    }
    return true;
}

static bool add_data(Merger *g)
{
    const WasmModule *lib = g->lib;
    if (g->opt->plain)
        return add_elems(g) && add_region_data(g);
    if (lib->elems.n > 0)
        return fail(g, "has element segments (function tables are not "
                       "supported)");
    for (uint32_t i = 0; i < lib->datas.n; i++) {
        const WasmData *d = &lib->datas.v[i];
        if (d->mode != WASM_SEG_ACTIVE)
            return fail(g, "has passive data segments");
        WasmInstr *code;
        uint32_t n;
        TRY(decode_expr(g, &d->offset, &code, &n));
        wasm_add_data(g->m, g->maps[WASM_EXT_MEMORY][d->memory], code, n,
                      d->bytes, d->len);
        arena_reset(&g->scratch);
    }
    return true;
}

static void collect_exports(Merger *g)
{
    const WasmModule *lib = g->lib;
    WasmMergeResult *out = g->out;
    out->exports = arena_alloc(&g->m->arena,
                               sizeof *out->exports * (lib->exports.n + 1));
    for (uint32_t i = 0; i < lib->exports.n; i++) {
        const WasmExport *e = &lib->exports.v[i];
        if (e->kind != WASM_EXT_FUNC && e->kind != WASM_EXT_GLOBAL)
            continue;
        WasmMergedExport *x = &out->exports[out->nexports++];
        x->name = arena_strndup(&g->m->arena, e->name, e->name_len);
        x->kind = e->kind;
        x->index = g->maps[e->kind][e->index];
    }
    out->start = lib->has_start ? (int64_t)g->maps[WASM_EXT_FUNC][lib->start]
                                : -1;
}

static bool merge(Merger *g)
{
    if (g->opt->plain) {
        if (g->lib->tags.n > 0)
            return fail(g, "uses exceptions (not supported in libraries)");
        return read_region(g) && map_types(g) && bind_imports(g) &&
               add_tables(g) && add_globals(g) && add_functions(g) &&
               add_data(g) && (collect_exports(g), true);
    }
    TRY(read_dylink(g));
    if (g->out->mem_align < 31 &&
        g->opt->memory_base % (1u << g->out->mem_align) != 0)
        return fail(g, "memory base %u is not aligned to the library's "
                       "%u bytes", g->opt->memory_base,
                    1u << g->out->mem_align);
    TRY(map_types(g));
    TRY(bind_imports(g));
    wimpl_merge_code_init(g);
    TRY(add_globals(g));
    TRY(add_functions(g));
    TRY(add_data(g));
    collect_exports(g);
    return true;
}

bool wasm_merge_library(WasmModule *m, const WasmModule *lib,
                        const WasmMergeOptions *opt, WasmMergeResult *out,
                        WasmError *err)
{
    Merger g;
    memset(&g, 0, sizeof g);
    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    g.m = m;
    g.lib = lib;
    g.opt = opt;
    g.out = out;
    g.err = err;
    arena_init(&g.scratch);
    buf_init(&g.code);
    g.types = xcalloc(lib->types.n + 1, sizeof *g.types);
    for (int k = 0; k < WASM_EXT_COUNT; k++)
        g.maps[k] = xcalloc(wimpl_space_count(lib, (WasmExternKind)k) + 1,
                            sizeof *g.maps[k]);
    g.is_const = xcalloc(lib->globals.n + 1, sizeof *g.is_const);
    g.const_val = xcalloc(lib->globals.n + 1, sizeof *g.const_val);
    bool ok = merge(&g);
    free(g.is_const);
    free(g.const_val);
    for (int k = 0; k < WASM_EXT_COUNT; k++)
        free(g.maps[k]);
    free(g.types);
    buf_fini(&g.code);
    arena_fini(&g.scratch);
    return ok;
}

int64_t wasm_merged_export(const WasmMergeResult *r, const char *name,
                           WasmExternKind kind)
{
    for (uint32_t i = 0; i < r->nexports; i++)
        if (r->exports[i].kind == kind && strcmp(r->exports[i].name, name) == 0)
            return r->exports[i].index;
    return -1;
}
