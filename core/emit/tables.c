/* tables.c -- shadow tables (tables.h; docs/instr.md "Call targets").
 *
 * Core Wasm cannot compare two function references, so whamm cannot ask
 * a table which function an entry holds.  Instead it keeps, for every
 * funcref table of the input, an array of words in its state: slot k
 * holds 1 + the original index of the function in entry k, 0 for null or
 * a function whamm does not know.  Zero meaning "unknown" makes fresh
 * memory correct as it is, and `resolved_fid` is the word minus 1.
 *
 * The array starts as the element segments fill the table (laid out in
 * the image when the offsets are constants, else written by start-up
 * code) and follows every change the app's own code makes: code placed
 * before each table.set/fill/copy/init (and after table.grow) does to the
 * array what the instruction is about to do to the table, with the same
 * bounds checks, so an instruction that traps changes neither.  A passive
 * segment's entries are kept in the state too, behind its current length
 * (elem.drop sets it to 0), for table.init.  The value a table.set, fill
 * or grow stores is known from the instruction that made it: `ref.func N`
 * gives N, `ref.null` null, `table.get` the shadow entry it read (its
 * index is kept in a local), a funcref local or global its record (below);
 * any other funcref is unknown (-1).
 *
 * Where a funcref comes from ("origins"): for every funcref local of a
 * function an i32 local, and for every funcref global an i32 global, holds
 * the word of the value the app last wrote there, set by code placed before
 * each local.set/local.tee/global.set.  A value's word is known when the
 * instruction that pushed it is `ref.func`, `ref.null`, `table.get`,
 * `local.get`/`local.tee` of a funcref local, `global.get` of a funcref
 * global, or `ref.as_non_null` of such a value; anything else (a
 * parameter, a call's result, a value leaving a block, select, a struct or
 * array field) is unknown.  The records feed the shadow tables
 * (table.set/fill/grow) and `resolved_fid` at table.set, call_ref and
 * return_call_ref.
 *
 * A table the host can reach (imported or exported) may change behind
 * whamm's back: entries the host writes read as -1 until the app's own
 * code writes them (a warning says so).  Slots beyond a table's initial
 * size plus SHADOW_SLACK (growth) are not kept and read as -1. */
#include "tables.h"

#include <string.h>

#define SHADOW_SLACK 1024u      /* slots kept beyond the initial size */
#define SHADOW_MAX (1u << 20)   /* slots kept at most (4 MiB) */

typedef struct {
    bool on;                /* a funcref table of the input */
    uint32_t base, cap;     /* slot k at base + 4k, k < cap */
    bool late;              /* a segment with a run-time offset: start-up
                             * code writes it and every later one */
} Shadow;

typedef struct {
    uint32_t addr;          /* passive: the length word, then the words */
    uint32_t count;
} SegCopy;

typedef struct EmitShadows {
    Shadow *t;              /* per original table */
    uint32_t nt;
    SegCopy *seg;           /* per original element segment */
    uint32_t nseg;
    int64_t fill_fn, copy_fn;
    uint32_t *grec;         /* per original global: its record global + 1,
                             * 0 for a global that holds no funcref */
    uint32_t ng;
    bool fid_at[3];         /* resolved_fid read at table.set, call_ref,
                             * return_call_ref (origins at those sites) */
} EmitShadows;

/* ---- small code helpers ------------------------------------------------------ */

static void i32c(Code *c, uint32_t v)
{
    emit_op_i32(c, (int32_t)v);
}
static void mem(Emit *E, Code *c, WasmOpcode o, uint32_t offset)
{
    vec_push(*c, wasm_instr_memarg(o, 2, offset, E->state_mem));
}
static void open_if(Code *c, bool result_i32)
{
    WasmInstr in = wasm_instr(WASM_OP_If);
    in.bt_kind = result_i32 ? WASM_BT_VALTYPE : WASM_BT_EMPTY;
    in.vt = (WasmValType){WASM_I32, 0};
    vec_push(*c, in);
}
static void open_block(Code *c, WasmOpcode o)
{
    WasmInstr in = wasm_instr(o);
    in.bt_kind = WASM_BT_EMPTY;
    vec_push(*c, in);
}

static const WasmValType I32 = {WASM_I32, 0};

/* ---- what needs shadows ------------------------------------------------------- */

/* Whether e or any expression inside it satisfies is. */
static bool expr_any(const Expr *e, bool (*is)(const Expr *))
{
    if (!e)
        return false;
    if (is(e) || expr_any(e->a, is) || expr_any(e->b, is) ||
        expr_any(e->c, is))
        return true;
    for (uint32_t i = 0; i < e->nargs; i++)
        if (expr_any(e->args[i], is))
            return true;
    return false;
}

/* Whether any expression of block b (nested blocks too) satisfies is. */
static bool block_any(const Block *b, bool (*is)(const Expr *))
{
    for (uint32_t i = 0; i < b->n; i++) {
        const Stmt *s = b->v[i];
        if (expr_any(s->lhs, is) || expr_any(s->rhs, is) ||
            block_any(&s->then_b, is) || block_any(&s->else_b, is))
            return true;
    }
    return false;
}

static bool is_resolve_call(const Expr *e)
{
    return e->kind == EX_CALL && e->sym == SYM_BUILTIN &&
           strcmp(e->name, "resolve_funcref") == 0;
}

static bool needs_shadows(const Emit *E)
{
    for (uint32_t i = 0; i < E->exps.n; i++) {
        const Exp *x = E->exps.v[i];
        if (expr_any(x->pred, is_resolve_call) ||
            block_any(&x->body, is_resolve_call))
            return true;
    }
    return false;
}

static bool is_resolved_fid(const Expr *e)
{
    return e->kind == EX_ID && e->sym == SYM_BOUND_STATIC &&
           strcmp(e->name, "resolved_fid") == 0;
}

static const WasmOpcode fid_ops[3] = {
    WASM_OP_TableSet, WASM_OP_CallRef, WASM_OP_ReturnCallRef};

/* Whether a probe on op reads `resolved_fid` (a run-time value there when
 * the funcref is not made right before). */
static bool op_reads_fid(const Emit *E, WasmOpcode op)
{
    const ExpList *l = &E->by_op[op];
    for (uint32_t k = 0; k < l->n; k++)
        if (expr_any(l->v[k]->pred, is_resolved_fid) ||
            block_any(&l->v[k]->body, is_resolved_fid))
            return true;
    return false;
}

/* funcref, or a reference to functions of some type (typed references). */
static bool holds_functions(const WasmModule *m, WasmValType t)
{
    if (t.code == WASM_FUNCREF)
        return true;
    if (t.code != WASM_REF && t.code != WASM_REF_NULL)
        return false;
    if (t.heap >= 0)
        return (uint64_t)t.heap < m->types.n &&
               m->types.v[t.heap].kind == WASM_TYPE_FUNC;
    return t.heap == -0x10; /* the abstract `func` heap type */
}

/* ---- layout and the element segments ---------------------------------------- */

static uint32_t shadow_cap(const WasmLimits *l)
{
    uint64_t cap = l->min;
    uint64_t max = l->has_max ? l->max : UINT64_MAX;
    if (max > cap)
        cap += max - cap < SHADOW_SLACK ? max - cap : SHADOW_SLACK;
    return cap > SHADOW_MAX ? SHADOW_MAX : (uint32_t)cap;
}

static bool exported_table(const WasmModule *m, uint32_t t)
{
    for (uint32_t i = 0; i < m->exports.n; i++)
        if (m->exports.v[i].kind == WASM_EXT_TABLE &&
            m->exports.v[i].index == t)
            return true;
    return false;
}

static void lay_out_table(Emit *E, uint32_t t, Shadow *sh)
{
    const WasmTable *tb = &E->m->tables.v[t];
    if (!holds_functions(E->m, tb->elem) || tb->limits.is64)
        return; /* resolve_funcref gives -1 there */
    sh->on = true;
    sh->cap = shadow_cap(&tb->limits);
    sh->base = emit_alloc(E, sh->cap * 4, 4);
    bool imported = tb->import >= 0;
    if (imported || exported_table(E->m, t))
        diag_emit(E->sink, DIAG_FOREIGN_TABLE, (Span){0}, "table %u is %s: "
                  "whamm sees only the changes the module's own code makes "
                  "to it; resolved_fid is -1 for an entry only the host "
                  "wrote, and stale for one the host overwrote", t,
                  imported ? "imported" : "exported");
}

/* The word a constant expression `ref.func N` stands for (N + 1), or 0
 * for anything else (null, another global's value). */
static uint32_t ref_func_word(const WasmModule *m, const WasmExpr *x)
{
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, x->bytes ? x->bytes : m->bytes + x->off,
                     x->len, &err);
    WasmInstr in;
    if (!wdec_instr(&r, &in, NULL) || in.op != WASM_OP_RefFunc)
        return 0;
    return in.a + 1;
}

/* The word of one segment entry: 1 + fid for `ref.func`, else 0. */
static uint32_t entry_word(const WasmModule *m, const WasmElem *el,
                           uint32_t k)
{
    if (!el->uses_exprs)
        return el->funcs[k] + 1;
    return ref_func_word(m, &el->exprs[k]);
}

/* The function a fill helper is: (d, word, n, base, cap, size). */
static uint32_t fill_fn(Emit *E);

/* Start-up code for an active segment at an offset known at run time:
 * the offset expression, then each entry through the fill helper. */
static void init_late(Emit *E, const WasmElem *el, uint32_t t,
                      const Shadow *sh)
{
    Code *c = &E->init_code;
    const WasmExpr *x = &el->offset;
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, x->bytes ? x->bytes : E->m->bytes + x->off,
                     x->len, &err);
    WasmInstr in;
    while (wdec_instr(&r, &in, E->a) && in.op != WASM_OP_End) {
        in.off = in.len = 0; /* new code, encoded afresh */
        vec_push(*c, in);
    }
    uint32_t off = locals_get(&E->init_locals, E->m, I32, true);
    emit_op_idx(c, WASM_OP_LocalSet, off);
    for (uint32_t k = 0; k < el->count; k++) {
        emit_op_idx(c, WASM_OP_LocalGet, off);
        i32c(c, k);
        emit_op(c, WASM_OP_I32Add);
        i32c(c, entry_word(E->m, el, k));
        i32c(c, 1);
        i32c(c, sh->base);
        i32c(c, sh->cap);
        emit_op_idx(c, WASM_OP_TableSize, t);
        emit_op_idx(c, WASM_OP_Call, fill_fn(E));
    }
}

static void init_active(Emit *E, const WasmElem *el)
{
    EmitShadows *S = E->shadows;
    if (el->table >= S->nt || !S->t[el->table].on)
        return;
    Shadow *sh = &S->t[el->table];
    int32_t at;
    if (!sh->late && !wasm_expr_i32_const(E->m, &el->offset, &at))
        sh->late = true;
    if (sh->late) {
        init_late(E, el, el->table, sh);
        return;
    }
    for (uint32_t k = 0; k < el->count; k++) {
        uint64_t slot = (uint64_t)(uint32_t)at + k;
        uint32_t w = entry_word(E->m, el, k);
        if (slot < sh->cap)
            emit_poke(E, sh->base + (uint32_t)slot * 4, &w, 4);
    }
}

/* A passive segment's words, for table.init, behind its length. */
static void copy_passive(Emit *E, const WasmElem *el, SegCopy *sc)
{
    if (!holds_functions(E->m, el->type))
        return;
    sc->count = el->count;
    sc->addr = emit_alloc(E, 4 + el->count * 4, 4);
    emit_poke(E, sc->addr, &el->count, 4);
    for (uint32_t k = 0; k < el->count; k++) {
        uint32_t w = entry_word(E->m, el, k);
        emit_poke(E, sc->addr + 4 + k * 4, &w, 4);
    }
}

/* The word of a global's initial value: 1 + N for `ref.func N`, else 0
 * (null, imported, or another global's value). */
static uint32_t init_word(const WasmModule *m, const WasmGlobal *g)
{
    if (g->import >= 0)
        return 0;
    return ref_func_word(m, &g->init);
}

/* A record global (mutable i32) per funcref global of the input. */
static void lay_out_globals(Emit *E, EmitShadows *S)
{
    WasmModule *m = E->m;
    S->ng = m->norig[WASM_EXT_GLOBAL];
    S->grec = arena_alloc(E->a, sizeof *S->grec * (S->ng + 1));
    for (uint32_t g = 0; g < S->ng; g++) {
        if (!holds_functions(m, m->globals.v[g].type))
            continue;
        WasmInstr init = wasm_instr_i32((int32_t)init_word(m,
                                                           &m->globals.v[g]));
        S->grec[g] = wasm_add_global(m, I32, true, &init, 1) + 1;
    }
}

bool emit_setup_tables(Emit *E)
{
    bool fid_at[3];
    bool any_fid = false;
    for (int k = 0; k < 3; k++)
        any_fid |= fid_at[k] = op_reads_fid(E, fid_ops[k]);
    if (!any_fid && !needs_shadows(E))
        return true;
    WasmModule *m = E->m;
    EmitShadows *S = arena_alloc(E->a, sizeof *S);
    memcpy(S->fid_at, fid_at, sizeof fid_at);
    lay_out_globals(E, S);
    S->nt = m->norig[WASM_EXT_TABLE];
    S->t = arena_alloc(E->a, sizeof *S->t * (S->nt + 1));
    S->nseg = m->nelems_orig;
    S->seg = arena_alloc(E->a, sizeof *S->seg * (S->nseg + 1));
    S->fill_fn = S->copy_fn = -1;
    E->shadows = S;
    for (uint32_t t = 0; t < S->nt; t++)
        lay_out_table(E, t, &S->t[t]);
    for (uint32_t i = 0; i < S->nseg; i++) {
        const WasmElem *el = &m->elems.v[i];
        if (el->mode == WASM_SEG_ACTIVE)
            init_active(E, el);
        else if (el->mode == WASM_SEG_PASSIVE)
            copy_passive(E, el, &S->seg[i]);
    }
    return !E->failed;
}

uint64_t emit_table_ops(const Emit *E)
{
    static const WasmOpcode ops[] = {
        WASM_OP_TableSet, WASM_OP_TableFill, WASM_OP_TableGrow,
        WASM_OP_TableCopy, WASM_OP_TableInit, WASM_OP_ElemDrop,
        WASM_OP_TableGet, WASM_OP_LocalSet, WASM_OP_LocalTee,
        WASM_OP_GlobalSet};
    uint64_t mask = 0;
    for (size_t i = 0; E->shadows && i < sizeof ops / sizeof ops[0]; i++)
        mask |= wasm_op_bit(ops[i]);
    return mask;
}

/* ---- the helpers (functions whamm adds; never instrumented) ------------------- */

static uint32_t add_helper(Emit *E, const char *name, uint32_t nparams,
                           uint32_t nlocals, const Code *c)
{
    WasmValType p[12];
    for (uint32_t i = 0; i < nparams + nlocals; i++)
        p[i] = I32;
    uint32_t type = wasm_add_func_type(E->m, p, nparams, NULL, 0);
    uint32_t f = wasm_add_func(E->m, type, p, nlocals, c->v, c->n);
    wasm_set_func_name(E->m, f, name);
    return f;
}

/* if (d > size || n > size - d) return  -- the instruction will trap */
static void return_if_out(Code *c, uint32_t d, uint32_t n, uint32_t size)
{
    emit_op_idx(c, WASM_OP_LocalGet, d);
    emit_op_idx(c, WASM_OP_LocalGet, size);
    emit_op(c, WASM_OP_I32GtU);
    emit_op_idx(c, WASM_OP_LocalGet, n);
    emit_op_idx(c, WASM_OP_LocalGet, size);
    emit_op_idx(c, WASM_OP_LocalGet, d);
    emit_op(c, WASM_OP_I32Sub);
    emit_op(c, WASM_OP_I32GtU);
    emit_op(c, WASM_OP_I32Or);
    open_if(c, false);
    emit_op(c, WASM_OP_Return);
    emit_op(c, WASM_OP_End);
}

/* (func $whamm_table_fill (param d word n base cap size)): what
 * table.fill does to slots [d, d + n), for the slots kept. */
static uint32_t fill_fn(Emit *E)
{
    EmitShadows *S = E->shadows;
    if (S->fill_fn >= 0)
        return (uint32_t)S->fill_fn;
    enum { D, W, N, BASE, CAP, SIZE, END };
    Code c = {0};
    return_if_out(&c, D, N, SIZE);
    emit_op_idx(&c, WASM_OP_LocalGet, D); /* end = min(d + n, cap) */
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalTee, END);
    emit_op_idx(&c, WASM_OP_LocalGet, CAP);
    emit_op_idx(&c, WASM_OP_LocalGet, END);
    emit_op_idx(&c, WASM_OP_LocalGet, CAP);
    emit_op(&c, WASM_OP_I32LtU);
    emit_op(&c, WASM_OP_Select);
    emit_op_idx(&c, WASM_OP_LocalSet, END);
    open_block(&c, WASM_OP_Block);
    open_block(&c, WASM_OP_Loop);
    emit_op_idx(&c, WASM_OP_LocalGet, D);
    emit_op_idx(&c, WASM_OP_LocalGet, END);
    emit_op(&c, WASM_OP_I32GeU);
    emit_op_idx(&c, WASM_OP_BrIf, 1);
    emit_op_idx(&c, WASM_OP_LocalGet, D);
    i32c(&c, 2);
    emit_op(&c, WASM_OP_I32Shl);
    emit_op_idx(&c, WASM_OP_LocalGet, BASE);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalGet, W);
    mem(E, &c, WASM_OP_I32Store, 0);
    emit_op_idx(&c, WASM_OP_LocalGet, D);
    i32c(&c, 1);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalSet, D);
    emit_op_idx(&c, WASM_OP_Br, 0);
    emit_op(&c, WASM_OP_End);
    emit_op(&c, WASM_OP_End);
    S->fill_fn = add_helper(E, "whamm_table_fill", 6, 1, &c);
    vec_free(c);
    return (uint32_t)S->fill_fn;
}

/* Pushes the word of slot `slot` (a local) of the array (base, cap): 0
 * beyond cap. */
static void load_word(Emit *E, Code *c, uint32_t slot, uint32_t base,
                      uint32_t cap)
{
    emit_op_idx(c, WASM_OP_LocalGet, slot);
    emit_op_idx(c, WASM_OP_LocalGet, cap);
    emit_op(c, WASM_OP_I32LtU);
    open_if(c, true);
    emit_op_idx(c, WASM_OP_LocalGet, slot);
    i32c(c, 2);
    emit_op(c, WASM_OP_I32Shl);
    emit_op_idx(c, WASM_OP_LocalGet, base);
    emit_op(c, WASM_OP_I32Add);
    mem(E, c, WASM_OP_I32Load, 0);
    emit_op(c, WASM_OP_Else);
    i32c(c, 0);
    emit_op(c, WASM_OP_End);
}

/* (func $whamm_table_copy (param d s n dbase dcap dsize sbase scap
 * ssize)): what table.copy / table.init do, slot by slot, backwards when
 * the destination lies after the source (overlap). */
static uint32_t copy_fn(Emit *E)
{
    EmitShadows *S = E->shadows;
    if (S->copy_fn >= 0)
        return (uint32_t)S->copy_fn;
    enum { D, SRC, N, DB, DC, DS, SB, SC, SS, K, J, T };
    Code c = {0};
    return_if_out(&c, D, N, DS);
    return_if_out(&c, SRC, N, SS);
    open_block(&c, WASM_OP_Block);
    open_block(&c, WASM_OP_Loop);
    emit_op_idx(&c, WASM_OP_LocalGet, K); /* k counts up to n */
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    emit_op(&c, WASM_OP_I32GeU);
    emit_op_idx(&c, WASM_OP_BrIf, 1);
    /* j = d <= s ? k : n - 1 - k */
    emit_op_idx(&c, WASM_OP_LocalGet, K);
    emit_op_idx(&c, WASM_OP_LocalGet, N);
    i32c(&c, 1);
    emit_op(&c, WASM_OP_I32Sub);
    emit_op_idx(&c, WASM_OP_LocalGet, K);
    emit_op(&c, WASM_OP_I32Sub);
    emit_op_idx(&c, WASM_OP_LocalGet, D);
    emit_op_idx(&c, WASM_OP_LocalGet, SRC);
    emit_op(&c, WASM_OP_I32LeU);
    emit_op(&c, WASM_OP_Select);
    emit_op_idx(&c, WASM_OP_LocalSet, J);
    /* t = d + j: stored when t < dcap */
    emit_op_idx(&c, WASM_OP_LocalGet, D);
    emit_op_idx(&c, WASM_OP_LocalGet, J);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalTee, T);
    emit_op_idx(&c, WASM_OP_LocalGet, DC);
    emit_op(&c, WASM_OP_I32LtU);
    open_if(&c, false);
    emit_op_idx(&c, WASM_OP_LocalGet, T);
    i32c(&c, 2);
    emit_op(&c, WASM_OP_I32Shl);
    emit_op_idx(&c, WASM_OP_LocalGet, DB);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalGet, SRC); /* the source slot s + j, in T */
    emit_op_idx(&c, WASM_OP_LocalGet, J);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalSet, T);
    load_word(E, &c, T, SB, SC);
    mem(E, &c, WASM_OP_I32Store, 0);
    emit_op(&c, WASM_OP_End);
    emit_op_idx(&c, WASM_OP_LocalGet, K);
    i32c(&c, 1);
    emit_op(&c, WASM_OP_I32Add);
    emit_op_idx(&c, WASM_OP_LocalSet, K);
    emit_op_idx(&c, WASM_OP_Br, 0);
    emit_op(&c, WASM_OP_End);
    emit_op(&c, WASM_OP_End);
    S->copy_fn = add_helper(E, "whamm_table_copy", 9, 3, &c);
    vec_free(c);
    return (uint32_t)S->copy_fn;
}

/* ---- the sites ------------------------------------------------------------------ */

/* Where a funcref comes from: a word known when instrumenting, the shadow
 * slot a table.get read, or the record of a local or global. */
typedef enum { SRC_WORD, SRC_SLOT, SRC_LOCAL, SRC_GLOBAL } SrcKind;

typedef struct {
    SrcKind kind;
    uint32_t word;          /* SRC_WORD: 1 + fid, 0 unknown or null */
    uint32_t table;         /* SRC_SLOT: the table read */
    uint32_t local;         /* SRC_SLOT: its index; SRC_LOCAL: the record */
    uint32_t global;        /* SRC_GLOBAL: the record global */
} Src;

static const Shadow *shadow_of(const Emit *E, uint32_t t)
{
    const EmitShadows *S = E->shadows;
    return t < S->nt && S->t[t].on ? &S->t[t] : NULL;
}

/* An instruction that only pushes an i32 (the count above a stored
 * funcref). */
static bool pushes_i32(const WasmInstr *in)
{
    return in->op == WASM_OP_I32Const || in->op == WASM_OP_LocalGet ||
           in->op == WASM_OP_GlobalGet;
}

/* The record local of funcref local x of the function (made on first
 * use: a fresh local is 0, unknown, as a parameter must be), or -1. */
static int64_t local_record(Emit *E, EmitFuncRefs *R, Locals *L, uint32_t x)
{
    if (!R || !R->types || x >= R->n || !holds_functions(E->m, R->types[x]))
        return -1;
    if (!R->rec[x])
        R->rec[x] = locals_get(L, E->m, I32, true) + 1;
    return R->rec[x] - 1;
}

static int64_t global_record(const Emit *E, uint32_t g)
{
    const EmitShadows *S = E->shadows;
    return g < S->ng && S->grec[g] ? (int64_t)S->grec[g] - 1 : -1;
}

/* The origin of the value instruction j pushed (j < 0: none). */
static Src origin(Emit *E, EmitFuncRefs *R, Locals *L,
                  const WasmBodyEditor *ed, int64_t j, EmitTableCode *out)
{
    Src s = {SRC_WORD, 0, 0, 0, 0};
    for (int hops = 0; j >= 0 && hops < 8; hops++, j--) {
        const WasmInstr *p = &ed->code[j];
        int64_t rec;
        if (wrw_replaced(ed, j)) /* an alt decides what it pushes */
            return s;
        switch (p->op) {
        case WASM_OP_RefFunc:
            s.word = p->a + 1;
            return s;
        case WASM_OP_TableGet:
            if (shadow_of(E, p->a)) {
                s.kind = SRC_SLOT;
                s.table = p->a;
                s.local = locals_get(L, E->m, I32, true);
                out->at = (uint32_t)j;
                emit_op_idx(&out->at_code, WASM_OP_LocalTee, s.local);
            }
            return s;
        case WASM_OP_LocalGet: case WASM_OP_LocalTee:
            if ((rec = local_record(E, R, L, p->a)) >= 0) {
                s.kind = SRC_LOCAL;
                s.local = (uint32_t)rec;
            }
            return s;
        case WASM_OP_GlobalGet:
            if ((rec = global_record(E, p->a)) >= 0) {
                s.kind = SRC_GLOBAL;
                s.global = (uint32_t)rec;
            }
            return s;
        case WASM_OP_RefAsNonNull: /* the same reference: look further */
            continue;
        default:
            return s;
        }
    }
    return s;
}

/* The origin of the funcref `depth` operands below the top at i (0 or
 * 1; at 1 the value above must be a plain i32 push). */
static Src value_source(Emit *E, EmitFuncRefs *R, Locals *L,
                        const WasmBodyEditor *ed, uint32_t i,
                        uint32_t depth, EmitTableCode *out)
{
    if (i < depth + 1 || (depth && !pushes_i32(&ed->code[i - 1])))
        return (Src){SRC_WORD, 0, 0, 0, 0};
    return origin(E, R, L, ed, (int64_t)i - 1 - depth, out);
}

/* Pushes the word of slot `local` of table t's shadow. */
static void push_slot_word(Emit *E, Code *c, const Shadow *sh,
                           uint32_t local)
{
    emit_op_idx(c, WASM_OP_LocalGet, local);
    i32c(c, sh->cap);
    emit_op(c, WASM_OP_I32LtU);
    open_if(c, true);
    emit_op_idx(c, WASM_OP_LocalGet, local);
    i32c(c, 2);
    emit_op(c, WASM_OP_I32Shl);
    mem(E, c, WASM_OP_I32Load, sh->base);
    emit_op(c, WASM_OP_Else);
    i32c(c, 0);
    emit_op(c, WASM_OP_End);
}

static void push_src(Emit *E, Code *c, const Src *s)
{
    switch (s->kind) {
    case SRC_SLOT:
        push_slot_word(E, c, shadow_of(E, s->table), s->local);
        break;
    case SRC_LOCAL:
        emit_op_idx(c, WASM_OP_LocalGet, s->local);
        break;
    case SRC_GLOBAL:
        emit_op_idx(c, WASM_OP_GlobalGet, s->global);
        break;
    default:
        i32c(c, s->word);
        break;
    }
}

static void push_array(Code *c, const Shadow *sh, uint32_t t)
{
    i32c(c, sh ? sh->base : 0);
    i32c(c, sh ? sh->cap : 0);
    emit_op_idx(c, WASM_OP_TableSize, t);
}

/* A local for an operand; typed references get their own (the pool
 * tells types apart by code only). */
static uint32_t temp(Emit *E, Locals *L, WasmValType vt)
{
    bool typed = vt.code == WASM_REF || vt.code == WASM_REF_NULL;
    return locals_get(L, E->m, vt, typed);
}

/* table.set t: [i, ref] -> fill(i, word, 1). */
static void at_set(Emit *E, EmitFuncRefs *R, Locals *L,
                   const WasmBodyEditor *ed, uint32_t i, EmitTableCode *out)
{
    uint32_t t = ed->code[i].a;
    const Shadow *sh = shadow_of(E, t);
    Src s = value_source(E, R, L, ed, i, 0, out);
    Code *c = &out->before;
    uint32_t v = temp(E, L, E->m->tables.v[t].elem), d = temp(E, L, I32);
    emit_op_idx(c, WASM_OP_LocalSet, v);
    emit_op_idx(c, WASM_OP_LocalTee, d);
    emit_op_idx(c, WASM_OP_LocalGet, d);
    push_src(E, c, &s);
    i32c(c, 1);
    push_array(c, sh, t);
    emit_op_idx(c, WASM_OP_Call, fill_fn(E));
    emit_op_idx(c, WASM_OP_LocalGet, v);
}

/* table.fill t: [d, ref, n] -> fill(d, word, n). */
static void at_fill(Emit *E, EmitFuncRefs *R, Locals *L,
                    const WasmBodyEditor *ed, uint32_t i, EmitTableCode *out)
{
    uint32_t t = ed->code[i].a;
    Src s = value_source(E, R, L, ed, i, 1, out);
    Code *c = &out->before;
    uint32_t n = temp(E, L, I32), d = temp(E, L, I32);
    uint32_t v = temp(E, L, E->m->tables.v[t].elem);
    emit_op_idx(c, WASM_OP_LocalSet, n);
    emit_op_idx(c, WASM_OP_LocalSet, v);
    emit_op_idx(c, WASM_OP_LocalTee, d);
    emit_op_idx(c, WASM_OP_LocalGet, d);
    push_src(E, c, &s);
    emit_op_idx(c, WASM_OP_LocalGet, n);
    push_array(c, shadow_of(E, t), t);
    emit_op_idx(c, WASM_OP_Call, fill_fn(E));
    emit_op_idx(c, WASM_OP_LocalGet, v);
    emit_op_idx(c, WASM_OP_LocalGet, n);
}

/* table.grow t: [ref, n] -> r; after it fill(r, word, n) (r = -1 on
 * failure is beyond the table: no change). */
static void at_grow(Emit *E, EmitFuncRefs *R, Locals *L,
                    const WasmBodyEditor *ed, uint32_t i, EmitTableCode *out)
{
    uint32_t t = ed->code[i].a;
    Src s = value_source(E, R, L, ed, i, 1, out);
    uint32_t n = temp(E, L, I32), r = temp(E, L, I32);
    emit_op_idx(&out->before, WASM_OP_LocalTee, n);
    Code *c = &out->after;
    emit_op_idx(c, WASM_OP_LocalTee, r);
    emit_op_idx(c, WASM_OP_LocalGet, r);
    push_src(E, c, &s);
    emit_op_idx(c, WASM_OP_LocalGet, n);
    push_array(c, shadow_of(E, t), t);
    emit_op_idx(c, WASM_OP_Call, fill_fn(E));
}

/* table.copy / table.init: [d, s, n] -> copy(d, s, n, dst, src). */
static void at_copy(Emit *E, Locals *L, const WasmInstr *in,
                    EmitTableCode *out)
{
    bool init = in->op == WASM_OP_TableInit;
    uint32_t dt = init ? in->b : in->a;
    Code *c = &out->before;
    uint32_t n = temp(E, L, I32), s = temp(E, L, I32), d = temp(E, L, I32);
    emit_op_idx(c, WASM_OP_LocalSet, n);
    emit_op_idx(c, WASM_OP_LocalSet, s);
    emit_op_idx(c, WASM_OP_LocalTee, d);
    emit_op_idx(c, WASM_OP_LocalGet, d);
    emit_op_idx(c, WASM_OP_LocalGet, s);
    emit_op_idx(c, WASM_OP_LocalGet, n);
    push_array(c, shadow_of(E, dt), dt);
    if (!init) {
        push_array(c, shadow_of(E, in->b), in->b);
    } else {
        const SegCopy *sc = in->a < E->shadows->nseg
                                ? &E->shadows->seg[in->a] : NULL;
        bool kept = sc && sc->addr;
        i32c(c, kept ? sc->addr + 4 : 0);
        i32c(c, kept ? sc->count : 0);
        i32c(c, 0); /* the current length; 0 for dropped or active ones */
        if (kept)
            mem(E, c, WASM_OP_I32Load, sc->addr);
    }
    emit_op_idx(c, WASM_OP_Call, copy_fn(E));
    emit_op_idx(c, WASM_OP_LocalGet, s);
    emit_op_idx(c, WASM_OP_LocalGet, n);
}

/* elem.drop: the segment's length becomes 0 (table.init then traps
 * unless it copies nothing). */
static void at_drop(Emit *E, const WasmInstr *in, EmitTableCode *out)
{
    const EmitShadows *S = E->shadows;
    if (in->a >= S->nseg || !S->seg[in->a].addr)
        return;
    i32c(&out->before, 0);
    i32c(&out->before, 0);
    mem(E, &out->before, WASM_OP_I32Store, S->seg[in->a].addr);
}

/* local.set / local.tee / global.set of a funcref: its record takes the
 * origin of the value written (unknown when an alt replaces the write). */
static void at_write(Emit *E, EmitFuncRefs *R, Locals *L,
                     const WasmBodyEditor *ed, uint32_t i, EmitTableCode *out)
{
    const WasmInstr *in = &ed->code[i];
    bool global = in->op == WASM_OP_GlobalSet;
    int64_t rec = global ? global_record(E, in->a)
                         : local_record(E, R, L, in->a);
    if (rec < 0)
        return;
    Src s = {SRC_WORD, 0, 0, 0, 0};
    if (!wrw_replaced(ed, i))
        s = value_source(E, R, L, ed, i, 0, out);
    push_src(E, &out->before, &s);
    emit_op_idx(&out->before, global ? WASM_OP_GlobalSet : WASM_OP_LocalSet,
                (uint32_t)rec);
}

void emit_table_site(Emit *E, EmitFuncRefs *R, Locals *L,
                     const WasmBodyEditor *ed, uint32_t i,
                     EmitTableCode *out)
{
    const WasmInstr *in = &ed->code[i];
    if (!E->shadows)
        return;
    if (in->op == WASM_OP_LocalSet || in->op == WASM_OP_LocalTee ||
        in->op == WASM_OP_GlobalSet) {
        at_write(E, R, L, ed, i, out);
        return;
    }
    if (wrw_replaced(ed, i)) /* an alt decides what happens */
        return;
    switch (in->op) {
    case WASM_OP_TableSet:
        if (shadow_of(E, in->a))
            at_set(E, R, L, ed, i, out);
        break;
    case WASM_OP_TableFill:
        if (shadow_of(E, in->a))
            at_fill(E, R, L, ed, i, out);
        break;
    case WASM_OP_TableGrow:
        if (shadow_of(E, in->a))
            at_grow(E, R, L, ed, i, out);
        break;
    case WASM_OP_TableCopy:
        if (shadow_of(E, in->a))
            at_copy(E, L, in, out);
        break;
    case WASM_OP_TableInit:
        if (shadow_of(E, in->b))
            at_copy(E, L, in, out);
        break;
    case WASM_OP_ElemDrop:
        at_drop(E, in, out);
        break;
    default:
        break;
    }
}

/* ---- resolved_fid at table.set, call_ref, return_call_ref ------------------------- */

void emit_resolved_site(Emit *E, EmitFuncRefs *R, Locals *L,
                        const WasmBodyEditor *ed, Site *s,
                        EmitTableCode *out)
{
    const EmitShadows *S = E->shadows;
    int k = 0;
    while (k < 3 && fid_ops[k] != s->in->op)
        k++;
    if (!S || k == 3 || !S->fid_at[k])
        return;
    Src src = value_source(E, R, L, ed, s->opidx, 0, out);
    if (src.kind == SRC_WORD) { /* known now: folded */
        s->resolved_fid = (int64_t)src.word - 1;
        return;
    }
    /* saved before the probes run: the callee may change a global or
     * the table before an after probe reads it */
    uint32_t w = locals_get(L, E->m, I32, false);
    push_src(E, &out->before, &src);
    i32c(&out->before, 1);
    emit_op(&out->before, WASM_OP_I32Sub);
    emit_op_idx(&out->before, WASM_OP_LocalSet, w);
    s->resolved_dynamic = true;
    s->resolved_local = w;
}

/* ---- resolve_funcref --------------------------------------------------------------- */

/* The table a call_indirect, return_call_indirect or table.get site reads
 * an entry of, or -1. */
static int64_t site_table(const Gen *G)
{
    const WasmInstr *in = G->site ? G->site->in : NULL;
    if (in && (in->op == WASM_OP_CallIndirect ||
               in->op == WASM_OP_ReturnCallIndirect))
        return in->b;
    if (in && in->op == WASM_OP_TableGet)
        return in->a;
    return -1;
}

/* `target_funcref` as a value: the entry at arg0 of the site's table, or
 * null when arg0 is out of bounds (the probe runs before the instruction
 * traps, and must not trap first) or the table holds no functions.
 * false: not such a site. */
bool gen_target_funcref(Gen *G)
{
    int64_t t = site_table(G);
    if (t < 0 || G->nargs_saved == 0)
        return false;
    WasmValType fr = {WASM_FUNCREF, 0};
    if (!holds_functions(G->E->m, G->E->m->tables.v[t].elem)) {
        gen_push(G, emit_zero_instr(fr)); /* a table of externrefs */
        return true;
    }
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, G->arg_local[0]));
    gen_push(G, wasm_instr_idx(WASM_OP_TableSize, (uint32_t)t));
    gen_push(G, wasm_instr(WASM_OP_I32LtU));
    gen_push(G, gen_block_instr(G->E->m, WASM_OP_If, &fr, 1));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, G->arg_local[0]));
    gen_push(G, wasm_instr_idx(WASM_OP_TableGet, (uint32_t)t));
    gen_push(G, wasm_instr(WASM_OP_Else));
    gen_push(G, emit_zero_instr(fr));
    gen_push(G, wasm_instr(WASM_OP_End));
    return true;
}

void gen_resolve_funcref(Gen *G, const Expr *e)
{
    int64_t t = site_table(G);
    const Expr *ref = e->nargs == 2 ? e->args[0] : NULL;
    if (t < 0 || !ref || !G->E->shadows) {
        emit_error(G->E, e->span, "resolve_funcref takes a funcref and an "
                   "entry index, at call_indirect, return_call_indirect and "
                   "table.get");
        return;
    }
    /* the reference itself cannot be compared in Wasm: the index is
     * looked up in the shadow of the site's table (a funcref other than
     * target_funcref is still evaluated, for what it does) */
    if (!(ref->kind == EX_ID && strcmp(ref->name, "target_funcref") == 0)) {
        gen_expr(G, ref);
        gen_push(G, wasm_instr(WASM_OP_Drop));
    }
    gen_expr(G, e->args[1]);
    const Shadow *sh = shadow_of(G->E, (uint32_t)t);
    if (!sh) {
        gen_push(G, wasm_instr(WASM_OP_Drop));
        gen_push(G, wasm_instr_i32(-1));
        return;
    }
    uint32_t slot = gen_local(G, I32);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, slot));
    push_slot_word(G->E, G->out, sh, slot);
    gen_push(G, wasm_instr_i32(1));
    gen_push(G, wasm_instr(WASM_OP_I32Sub));
}
