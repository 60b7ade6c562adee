/* walk.c -- the walk over every instruction of every original function
 * (docs/instr.md "What the output does"): static values per site, per-site
 * folding, and the code shape of each mode.  Plain before/after/alt code
 * is inserted as the walk meets it; code placed elsewhere (function
 * entry/exit, block entry/exit/after, the flush hook) is deferred and
 * inserted after the walk of the function, so it follows the plain code at
 * the same place. */
#include "walk.h"
#include "flow.h"
#include "tables.h"

#include "runtime/runtime.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t at;
    bool after;
    Code code;
} Deferred;

/* Per-site counters derived from segment counters ("per-site counters"
 * below): the segment open in the walk, its first site and its counters,
 * one per distinct step. */
#define SEG_MAX_STEPS 4
typedef struct {
    bool open;
    bool dead;              /* in dead code: never bumped */
    uint32_t at;
    uint32_t nsteps;
    int64_t step[SEG_MAX_STEPS];
    uint32_t addr[SEG_MAX_STEPS];
} SiteSeg;

/* An if walked into, for deriving the count after its end ("derived
 * counts" below): the counter (of one step) of the segment its `if`
 * ends, S1, and of the one its then arm starts with, T. */
typedef struct {
    uint32_t opener;
    bool ok;                /* S1 known, no else so far */
    bool has_t;
    int64_t step;
    uint32_t s1, t;
} IfCounts;

/* A segment whose counter of step `step` follows from others: the one
 * starting at instruction `at` (UINT32_MAX: none).  Its count is
 * s1 - t (has_diff) plus fall (UINT32_MAX: none) plus, when opener is
 * not UINT32_MAX, the counted br_table edges to that block's end. */
typedef struct {
    uint32_t at;
    int64_t step;
    bool has_diff;
    uint32_t s1, t;
    uint32_t fall;
    uint32_t opener;
} Derivable;

/* A counted br_table edge ("counted br_table edges" below): the block it
 * goes to, its counter, and the next edge to the same block (1 + its
 * index in Func.edges, or 0). */
typedef struct {
    uint32_t opener, addr, next;
} EdgeCount;

/* Pure counters summed in locals of the function ("pure counters in
 * locals" below): whether that is on, whether a local may hold a count its
 * global lacks and the locals (UINT32_MAX until needed). */
typedef struct {
    bool on;
    bool pending;
    bool flush_here;        /* the walk's instruction is a flush point */
    uint32_t local[EMIT_MAX_COUNTERS];
    /* the flush's code, encoded once for the locals made so far (the
     * same at every flush point of the function until another is made) */
    bool flush_ready;
    uint8_t *flush;
    uint32_t flush_len, flush_n;
} HotCounters;

/* A per-site slot (or a per-site counter) that lives in a local while a
 * loop that calls nothing runs ("loops that call nothing" below): its
 * local and its home (a Wasm global, or an address in the state
 * memory). */
typedef struct {
    WasmValType vt;
    uint32_t local;
    bool in_global;
    uint32_t global;
    uint32_t addr;
    uint16_t load, store;   /* addr: the access of its type */
    uint32_t align;         /* log2 */
} RegionSlot;

#define REGION_MAX_SLOTS 32
/* What the walk keeps of the region (Flow has where it is): the slots in
 * its locals, its exits, ... */
typedef struct {
    VEC(RegionSlot) slots;
    VEC(uint32_t) exits;    /* instructions in it that leave it */
    VEC(RegionSlot) pool;   /* locals of earlier regions, to reuse */
    uint32_t cond;          /* i32 local of br_if exits, or UINT32_MAX */
    bool counted;           /* a pure counter was summed in it */
} Region;

/* Everything strictly between instructions lo and hi is gone (a block
 * alt): the instructions and the code inserted among them. */
typedef struct {
    uint32_t lo, hi;
} DeadSpan;

typedef struct {
    Emit *E;
    WasmBodyEditor ed;
    Arena *fa;
    Arena *sa;              /* one probe at one site: folded copies */
    uint32_t func;
    Locals L;
    bool changed;
    uint32_t *match;        /* opener / else -> its end; NULL until needed */
    int32_t *else_of;       /* if -> its else, or -1 */
    VEC(Deferred) deferred;
    WasmValType *locals;    /* params then declared locals */
    uint32_t nlocals;
    bool locals_loaded;
    uint32_t bb_start, bb_end;  /* basic-block state (see "basic blocks") */
    WasmStackSig *stack;    /* operand types of stack-typed instructions */
    bool stack_tried;
    EmitTopTemps top;       /* --memory=top: locals of the rewriting */
    Code top_buf;           /* and its output, reused */
    VEC(DeadSpan) dead;     /* code a block alt deleted */
    uint32_t skip_to;       /* the walk resumes here (inside a deleted
                               block there is nothing to match) */
    bool check;             /* an alt the function must be re-checked for */
    Span check_span;        /* its probe, for the error */
    uint32_t check_pc;
    uint16_t check_op;
    EmitFuncRefs refs;      /* records of funcref locals (tables.c) */
    WasmInstr **moved;      /* instruction -> itself with the labels a
                               loop alt's block moved (written in its
                               place at commit), or NULL; NULL: none */
    const uint16_t *ops;    /* by opcode: OPS_* (t->ops) */
    OpTable *t;
    bool counts;            /* the body may have pure counters' sites */
    const char *fname;      /* the function's name, or NULL */
    uint32_t fname_len;
    SiteSeg seg;            /* the open segment of per-site counters */
    HotCounters hot;        /* pure counters summed in locals */
    Flow w;                 /* labels, branches, segments, the region */
    bool derive;            /* per-site counts may be derived */
    bool count_edges;       /* br_table edges may be counted */
    VEC(EdgeCount) edges;
    uint32_t *edge_head;    /* opener -> 1 + its first edge, or 0; NULL
                               until an edge is counted */
    VEC(IfCounts) ifs;      /* the ifs open at the walk's instruction */
    uint32_t closed_at;     /* the last segment closed, after this */
    SiteSeg closed;
    Derivable derivable;
    Region region;          /* a loop that calls nothing */
    Site bare;              /* derive_bare_site's, its fields of the
                               function set once */
} Func;

/* The instruction that opens the label `depth` labels up from the walk's
 * instruction, UINT32_MAX for the function's own label. */
static inline uint32_t label_block(const Func *F, uint32_t depth)
{
    return flow_label_block(&F->w, depth);
}

/* ---- static values ---------------------------------------------------------- */

static void set_u32(FoldValue *o, uint64_t v)
{
    o->ty = ty_prim(TY_U32);
    o->bits = (uint32_t)v;
}

static void set_str(FoldValue *o, const char *s, uint32_t len)
{
    o->ty = ty_prim(TY_STR);
    o->str = s ? s : "";
    o->slen = s ? len : 0;
}

static bool imm_value(const Site *s, uint32_t n, FoldValue *o)
{
    const WasmInstr *in = s->in;
    switch (wasm_ops[in->op].imm) {
    case IMM_LABEL: case IMM_FUNC: case IMM_TYPE: case IMM_LOCAL:
    case IMM_GLOBAL: case IMM_TABLE: case IMM_ELEM: case IMM_DATA:
    case IMM_MEM: case IMM_TAG:
        if (n != 0)
            return false;
        set_u32(o, in->a);
        return true;
    case IMM_CALL_INDIRECT: case IMM_TABLE_TABLE: case IMM_ELEM_TABLE:
    case IMM_DATA_MEM: case IMM_MEM_MEM: case IMM_TYPE_FIELD:
    case IMM_TYPE_TYPE: case IMM_TYPE_N: case IMM_TYPE_DATA:
    case IMM_TYPE_ELEM:
        if (n > 1)
            return false;
        set_u32(o, n ? in->b : in->a);
        return true;
    case IMM_BR_TABLE:
        if (n >= in->n)
            return false;
        set_u32(o, in->ext.labels[n]);
        return true;
    case IMM_I32:
        o->ty = ty_prim(TY_I32);
        o->bits = (uint64_t)(int64_t)(int32_t)in->x;
        return n == 0;
    case IMM_I64:
        o->ty = ty_prim(TY_I64);
        o->bits = in->x;
        return n == 0;
    case IMM_F32: {
        float f;
        uint32_t b = (uint32_t)in->x;
        memcpy(&f, &b, 4);
        o->ty = ty_prim(TY_F32);
        o->f = f;
        return n == 0;
    }
    case IMM_F64:
        o->ty = ty_prim(TY_F64);
        memcpy(&o->f, &in->x, 8);
        return n == 0;
    default:
        return false;
    }
}

static bool call_target(const Site *s, const char *name, FoldValue *o)
{
    const WasmModule *m = s->E->m;
    if (s->in->op != WASM_OP_Call && s->in->op != WASM_OP_ReturnCall)
        return false;
    const WasmFunc *f = &m->funcs.v[s->in->a];
    const WasmImport *imp = f->import >= 0 ? &m->imports.v[f->import] : NULL;
    if (strcmp(name, "target_fn_type") == 0) {
        set_str(o, imp ? "import" : "local", imp ? 6 : 5);
    } else if (strcmp(name, "target_imp_module") == 0) {
        if (imp)
            set_str(o, imp->module, imp->module_len);
        else
            set_str(o, m->module_name, m->module_name_len);
    } else {
        const char *fn = wasm_func_name(m, s->in->a);
        if (imp)
            set_str(o, imp->field, imp->field_len);
        else
            set_str(o, fn, fn ? (uint32_t)strlen(fn) : 0);
    }
    return true;
}

static bool instr_value(const Site *s, const char *name, FoldValue *o)
{
    const WasmInstr *in = s->in;
    uint8_t shape = wasm_ops[in->op].imm;
    bool memarg = shape == IMM_MEMARG || shape == IMM_MEMARG_LANE;
    if (strncmp(name, "imm", 3) == 0 && name[3] >= '0' && name[3] <= '9')
        return imm_value(s, (uint32_t)strtoul(name + 3, NULL, 10), o);
    if (memarg && strcmp(name, "offset") == 0) {
        o->ty = ty_prim(TY_U64);
        o->bits = in->x;
    } else if (memarg && strcmp(name, "align") == 0) {
        set_u32(o, in->a);
    } else if (memarg && strcmp(name, "memory") == 0) {
        set_u32(o, in->b);
    } else if (shape == IMM_BR_TABLE && strcmp(name, "num_targets") == 0) {
        set_u32(o, in->n - 1);
    } else if (shape == IMM_BR_TABLE && strcmp(name, "default_target") == 0) {
        set_u32(o, in->ext.labels[in->n - 1]);
    } else if (strncmp(name, "target_", 7) == 0) {
        return call_target(s, name, o);
    } else if (strcmp(name, "resolved_fid") == 0) {
        if (s->resolved_dynamic) /* a local holds it at run time */
            return false;
        o->ty = ty_prim(TY_I32);
        o->bits = (uint64_t)s->resolved_fid;
    } else {
        return false;
    }
    return true;
}

bool emit_fold_lookup(void *ctx, const char *name, FoldValue *o)
{
    const Site *s = ctx;
    memset(o, 0, sizeof *o);
    if (strcmp(name, "fid") == 0)
        set_u32(o, s->fid);
    else if (strcmp(name, "pc") == 0)
        set_u32(o, s->pc);
    else if (strcmp(name, "opidx") == 0)
        set_u32(o, s->opidx);
    else if (strcmp(name, "APP_MEMID") == 0)
        set_u32(o, 0);
    else if (strcmp(name, "at_func_end") == 0) {
        o->ty = ty_prim(TY_BOOL);
        o->bits = s->at_func_end;
    } else if (strcmp(name, "fname") == 0)
        set_str(o, s->fname, s->fname_len);
    else if (strcmp(name, "instr_count") == 0 && s->has_instr_count)
        set_u32(o, s->instr_count);
    else
        return s->in && instr_value(s, name, o);
    return true;
}

/* ---- operand types ------------------------------------------------------------ */

static bool load_locals(Func *F)
{
    if (F->locals_loaded)
        return F->locals != NULL;
    F->locals_loaded = true;
    WasmModule *m = F->E->m;
    const WasmType *ft = wasm_func_type(m, F->func);
    const WasmFunc *fn = &m->funcs.v[F->func];
    WasmError err;
    WasmReader r;
    const uint8_t *body = fn->new_body ? fn->new_body : m->bytes + fn->body.off;
    uint32_t blen = fn->new_body ? fn->new_body_len : fn->body.len;
    wasm_reader_init(&r, body, blen, &err);
    uint32_t groups, total = ft->nparams;
    if (!wdec_u32(&r, &groups, "locals"))
        return false;
    VEC(WasmValType) v = {0};
    for (uint32_t i = 0; i < ft->nparams; i++)
        avec_push(F->fa, v, ft->params[i]);
    for (uint32_t g = 0; g < groups; g++) {
        uint32_t n;
        WasmValType t;
        if (!wdec_u32(&r, &n, "locals") || !wdec_valtype(&r, &t, "local") ||
            (total += n) > (1u << 20))
            return false;
        for (uint32_t k = 0; k < n; k++)
            avec_push(F->fa, v, t);
    }
    F->locals = v.v;
    F->nlocals = v.n;
    return true;
}

static bool letter_type(Func *F, const WasmInstr *in, char c, WasmValType *t)
{
    WasmModule *m = F->E->m;
    switch (c) {
    case 'i': *t = (WasmValType){WASM_I32, 0}; return true;
    case 'I': *t = (WasmValType){WASM_I64, 0}; return true;
    case 'f': *t = (WasmValType){WASM_F32, 0}; return true;
    case 'F': *t = (WasmValType){WASM_F64, 0}; return true;
    case 'v': *t = (WasmValType){WASM_V128, 0}; return true;
    case 'a': {
        uint8_t shape = wasm_ops[in->op].imm;
        uint32_t mem = shape == IMM_MEMARG || shape == IMM_MEMARG_LANE ? in->b
                       : shape == IMM_MEM ? in->a : 0;
        bool w = mem < m->memories.n && m->memories.v[mem].limits.is64;
        *t = (WasmValType){w ? WASM_I64 : WASM_I32, 0};
        return true;
    }
    case 't': *t = (WasmValType){WASM_I32, 0}; return true;
    case 'x':
        if (in->op == WASM_OP_LocalSet || in->op == WASM_OP_LocalTee ||
            in->op == WASM_OP_LocalGet) {
            if (!load_locals(F) || in->a >= F->nlocals)
                return false;
            *t = F->locals[in->a];
            return true;
        }
        if (in->op == WASM_OP_GlobalSet || in->op == WASM_OP_GlobalGet) {
            *t = m->globals.v[in->a].type;
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* Types from an opcodes.def signature half ("ii" of "ii:i"). */
static bool sig_types(Func *F, const WasmInstr *in, const char *p, size_t n,
                      WasmValType **out, uint32_t *nout)
{
    WasmValType *v = arena_alloc(F->fa, sizeof *v * (n + 1));
    for (size_t i = 0; i < n; i++)
        if (!letter_type(F, in, p[i], &v[i]))
            return false;
    *out = v;
    *nout = (uint32_t)n;
    return true;
}

static void func_type_types(Func *F, const WasmType *t, bool extra_i32,
                            Site *s)
{
    WasmValType *p = arena_alloc(F->fa, sizeof *p * (t->nparams + 1));
    if (t->nparams)
        memcpy(p, t->params, sizeof *p * t->nparams);
    if (extra_i32)
        p[t->nparams] = (WasmValType){WASM_I32, 0};
    s->params = p;
    s->nparams = t->nparams + extra_i32;
    s->results = t->results;
    s->nresults = t->nresults;
    s->params_known = true;
}

static void block_types(Func *F, const WasmInstr *in, Site *s)
{
    WasmModule *m = F->E->m;
    static const WasmValType none[1];
    s->params = s->results = none;
    s->nparams = s->nresults = 0;
    s->params_known = true;
    if (in->bt_kind == WASM_BT_TYPEIDX && in->a < m->types.n)
        func_type_types(F, &m->types.v[in->a], in->op == WASM_OP_If, s);
    else if (in->op == WASM_OP_If)
        func_type_types(F, &(WasmType){.kind = WASM_TYPE_FUNC}, true, s);
    if (in->bt_kind == WASM_BT_VALTYPE) {
        s->results = &in->vt;
        s->nresults = 1;
    }
}

static void stack_operands(Func *F, Site *s);

/* Operand and result types of the instruction at a site (bottom first);
 * params_known stays false when they depend on the stack (drop, select,
 * references, ...). */
static void site_operands(Func *F, Site *s)
{
    WasmModule *m = F->E->m;
    const WasmInstr *in = s->in;
    const char *sig = wasm_ops[in->op].sig;
    s->params_known = false;
    switch (in->op) {
    case WASM_OP_Call: case WASM_OP_ReturnCall:
        func_type_types(F, wasm_func_type(m, in->a), false, s);
        return;
    case WASM_OP_CallIndirect: case WASM_OP_ReturnCallIndirect:
        if (in->a < m->types.n)
            func_type_types(F, &m->types.v[in->a], true, s);
        return;
    case WASM_OP_Block: case WASM_OP_Loop: case WASM_OP_If:
    case WASM_OP_TryTable:
        block_types(F, in, s);
        return;
    case WASM_OP_BrIf: case WASM_OP_BrTable:
        /* the values the label takes too (an alt saves them all; a type
         * pass over the body, so only where a probe needs them); just the
         * condition / index where the stack is not known */
        if (F->ops[in->op] & OPS_STACK)
            stack_operands(F, s);
        if (!s->params_known)
            func_type_types(F, &(WasmType){.kind = WASM_TYPE_FUNC}, true, s);
        return;
    default:
        break;
    }
    const char *colon = strchr(sig, ':');
    if (!colon || strchr(sig, '*') || strchr(sig, 'r'))
        return;
    WasmValType *p, *r;
    uint32_t np, nr;
    if (sig_types(F, in, sig, (size_t)(colon - sig), &p, &np) &&
        sig_types(F, in, colon + 1, strlen(colon + 1), &r, &nr)) {
        s->params = p;
        s->nparams = np;
        s->results = r;
        s->nresults = nr;
        s->params_known = true;
    }
}

/* Types a site can hold in locals: numbers, vectors, nullable
 * funcref/externref. */
static bool plain_types(const WasmValType *t, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (t[i].code != WASM_I32 && t[i].code != WASM_I64 &&
            t[i].code != WASM_F32 && t[i].code != WASM_F64 &&
            t[i].code != WASM_V128 && t[i].code != WASM_FUNCREF &&
            t[i].code != WASM_EXTERNREF)
            return false;
    return true;
}

/* drop, select, ref.is_null, ...: the operand types the stack holds
 * there, from a type pass over the body made once per function. */
static void load_stack(Func *F)
{
    if (!F->stack_tried) {
        F->stack_tried = true;
        WasmError err;
        if (!wasm_check_stack_types(F->E->m, F->func, F->ed.code,
                                    F->ed.ncode, F->fa, &F->stack, &err))
            F->stack = NULL; /* types unknown: such probes match nothing */
    }
}

static void stack_operands(Func *F, Site *s)
{
    load_stack(F);
    const WasmStackSig *ss = F->stack ? &F->stack[s->opidx] : NULL;
    if (!ss || !ss->known || !plain_types(ss->params, ss->nparams) ||
        !plain_types(ss->results, ss->nresults))
        return;
    s->params = ss->params;
    s->nparams = ss->nparams;
    s->results = ss->results;
    s->nresults = ss->nresults;
    s->params_known = true;
}

static char vt_letter(WasmValType t)
{
    switch (t.code) {
    case WASM_I32: return 'i';
    case WASM_I64: return 'I';
    case WASM_F32: return 'f';
    case WASM_F64: return 'F';
    default: return 0;
    }
}

typedef struct {
    Func *F;
    const Site *s;
    MdKind mode;
} TypeCtx;

static char site_type(void *ctx, const char *name)
{
    TypeCtx *c = ctx;
    const Site *s = c->s;
    char *end;
    if (strncmp(name, "arg", 3) == 0) {
        unsigned long n = strtoul(name + 3, &end, 10);
        if (!s->params_known || n >= s->nparams || c->mode == MD_ENTRY ||
            c->mode == MD_EXIT || c->mode == MD_BLOCK_AFTER)
            return 0;
        return vt_letter(s->params[s->nparams - 1 - n]);
    }
    if (strncmp(name, "res", 3) == 0) {
        unsigned long n = strtoul(name + 3, &end, 10);
        if (!s->params_known || n >= s->nresults || c->mode != MD_AFTER)
            return 0;
        return vt_letter(s->results[s->nresults - 1 - n]);
    }
    if (strncmp(name, "local", 5) == 0) {
        unsigned long n = strtoul(name + 5, &end, 10);
        if (!load_locals(c->F) || n >= c->F->nlocals)
            return 0;
        return vt_letter(c->F->locals[n]);
    }
    return '?';
}

/* ---- one probe at one site ------------------------------------------------------ */

/* A method call's receiver that is a plain probe local (`s.len()` in
 * `report var l: u32 = s.len();`) reads its default value in a slot
 * initialiser: initialisers run once at start-up, before any execution of
 * the probe.  Returns e with those receivers replaced by "" (the only type
 * with methods is str); slots already laid out keep their value. */
Expr *emit_default_receivers(Arena *a, Expr *e, const Gen *slots)
{
    if (!e)
        return NULL;
    Expr *r = e->a;
    const GenVar *v;
    if (e->kind == EX_LIBCALL && r && r->kind == EX_ID &&
        r->sym == SYM_LOCAL && r->ty && r->ty->kind == TY_STR &&
        !((v = gen_find_var(slots, r->name)) && v->slot)) {
        Expr *lit = arena_alloc(a, sizeof *lit);
        *lit = (Expr){.kind = EX_STR, .span = r->span, .ty = r->ty,
                      .str = "", .slen = 0};
        r = lit;
    } else {
        r = emit_default_receivers(a, r, slots);
    }
    Expr *b = emit_default_receivers(a, e->b, slots);
    Expr *c = emit_default_receivers(a, e->c, slots);
    Expr **args = NULL;
    for (uint32_t i = 0; i < e->nargs; i++) {
        Expr *x = emit_default_receivers(a, e->args[i], slots);
        if (x != e->args[i] && !args) {
            args = arena_alloc(a, sizeof *args * e->nargs);
            memcpy(args, e->args, sizeof *args * e->nargs);
        }
        if (args)
            args[i] = x;
    }
    if (r == e->a && b == e->b && c == e->c && !args)
        return e;
    Expr *n = arena_dup(a, e, sizeof *e);
    n->a = r;
    n->b = b;
    n->c = c;
    if (args)
        n->args = args;
    return n;
}

/* A slot's initial value: constants go into the image, anything else is
 * computed by the start-up code, where the site's slots laid out so far
 * (slots->vars) can be read.  A map slot is initialised from a bound map
 * (`= targets`): its entries go straight into the site's map. */
static void init_slot(Emit *E, const Folder *fo, const Stmt *d,
                      const GenVar *slot, const Gen *slots)
{
    uint32_t addr = slot->addr;
    if (d->decl_ty->kind == TY_MAP) {
        if (!(d->rhs->kind == EX_ID && strcmp(d->rhs->name, "targets") == 0 &&
              slots->site->in &&
              emit_map_from_targets(E, slot->map_hdr, d->decl_ty,
                                    slots->site->in)))
            emit_error(E, d->rhs->span, "a map can only be initialised from "
                       "`targets` of br_table");
        return;
    }
    Expr *v = fold_expr(fo, emit_default_receivers(fo->arena, d->rhs, slots));
    if (slot->in_global && (v->kind == EX_INT || v->kind == EX_BOOL) &&
        !ty_is_float(d->decl_ty)) {
        uint64_t bits = v->kind == EX_BOOL ? v->bits != 0 : (uint64_t)v->ival;
        bool wide = emit_type_size(d->decl_ty) == 8;
        WasmInstr init = wide ? wasm_instr_i64((int64_t)bits)
                              : wasm_instr_i32((int32_t)(uint32_t)bits);
        wasm_set_global_init(E->m, slot->global, &init, 1);
        return;
    }
    if (!slot->in_global && v->kind == EX_INT && ty_is_int(d->decl_ty)) {
        uint64_t bits = (uint64_t)v->ival;
        emit_poke(E, addr, &bits, emit_type_size(d->decl_ty));
        return;
    }
    if (!slot->in_global && v->kind == EX_BOOL) {
        uint32_t b = v->bits != 0;
        emit_poke(E, addr, &b, 4);
        return;
    }
    Gen G = {0};
    G.E = E;
    G.out = &E->init_code;
    G.locals = &E->init_locals;
    G.script = slots->script;
    G.span = d->span;
    G.vars = slots->vars; /* borrowed: only read */
    gen_expr(&G, v);
    if (slot->in_global)
        gen_push(&G, wasm_instr_idx(WASM_OP_GlobalSet, slot->global));
    else
        gen_store_slot(&G, d->decl_ty, addr);
}

/* With the state at the top of memory 0, a one-part scalar slot lives in
 * a Wasm global: a counter bumped in a hot loop is then as fast as in a
 * memory of its own (through `base` it is several times slower).  The
 * slot's bytes stay, for the report, which copies the global there. */
static void slot_in_global(Emit *E, const Stmt *d, GenVar *v)
{
    EmitPart p[EMIT_MAX_PARTS];
    const Type *t = d->decl_ty;
    if (!E->top || !(ty_is_numeric(t) || t->kind == TY_BOOL) ||
        emit_parts(t, p) != 1 || E->slot_globals >= EMIT_MAX_SLOT_GLOBALS)
        return;
    v->in_global = true;
    v->global = emit_slot_global(E, &p[0], v->addr, d->is_report);
}

static uint32_t slot_index(const Exp *x, const Stmt *d)
{
    uint32_t i = 0;
    while (x->slots[i] != d)
        i++;
    return i;
}

/* Lays out the site's slots (G->vars gets one per slot, in x->slots
 * order), then runs their initialisers in declaration order: an
 * initialiser sees the slots declared before it. */
static void region_cache_var(Func *F, const Exp *x, const Site *s,
                             bool if_gone, GenVar *v);

/* if_gone: x's `if` is not emitted as an if of its own here
 * (BRANCH_SPECULATED, BRANCH_IN_ARMS). */
static void alloc_slots(Func *F, const Exp *x, const Site *s,
                        const Folder *fo, bool if_gone, Gen *G)
{
    Emit *E = F->E;
    for (uint32_t i = 0; i < x->nslots; i++) {
        const Stmt *d = x->slots[i];
        uint32_t size = emit_type_size(d->decl_ty);
        uint32_t addr = emit_alloc(E, size, 1);
        GenVar v = {.name = d->name, .ty = d->decl_ty, .slot = true,
                    .addr = addr};
        if (d->decl_ty->kind == TY_MAP) { /* a map of its own per site */
            v.map_hdr = emit_map_new(E, d->decl_ty);
            emit_poke(E, addr, &v.map_hdr, 4);
        }
        slot_in_global(E, d, &v);
        vec_push(G->vars, v);
        if (d->is_report)
            emit_add_site_row(E, x, d, s, addr);
    }
    Gen seen = {0};
    seen.script = x->script;
    seen.site = s;
    for (uint32_t i = 0; i < x->nslots; i++) {
        const Stmt *d = x->slots_in_order[i];
        const GenVar *v = &G->vars.v[G->vars.n - x->nslots +
                                     slot_index(x, d)];
        if (d->rhs)
            init_slot(E, fo, d, v, &seen);
        vec_push(seen.vars, *v);
    }
    vec_free(seen.vars);
    for (uint32_t i = G->vars.n - x->nslots; i < G->vars.n; i++)
        region_cache_var(F, x, s, if_gone, &G->vars.v[i]);
}

/* fresh: locals of their own, which hold the values until a branch
 * target reads them (pooled ones are reused at the next site). */
static void save_values(Gen *G, Arena *fa, const WasmValType *types,
                        uint32_t ntypes, uint32_t count, bool fresh,
                        uint32_t **out)
{
    *out = arena_alloc(fa, sizeof **out * (count + 1));
    for (uint32_t k = 0; k < count; k++) {
        WasmValType vt = types[ntypes - 1 - k];
        (*out)[k] = fresh ? locals_get(G->locals, G->E->m, vt, true)
                          : gen_local(G, vt);
        gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, (*out)[k]));
    }
}

static void restore_values(Gen *G, const uint32_t *locals, uint32_t count)
{
    for (uint32_t k = count; k-- > 0;)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, locals[k]));
}

static bool uses_memory(const Code *c)
{
    for (uint32_t i = 0; i < c->n; i++)
        if (wasm_instr_refs(&c->v[i]) & WASM_REFS_MEMORY)
            return true;
    return false;
}

/* With --memory=top, code inserted into the app's body names whamm's
 * pages in memory 0 (top_code.c): the rewritten code, in F->top_buf. */
static const Code *top_code(Func *F, const Code *c)
{
    if (!F->E->top || F->E->lazy_memory || !uses_memory(c))
        return c; /* counters in globals and locals: nothing to rewrite */
    F->top.ed = &F->ed;
    F->top_buf.n = 0;
    emit_top_code(F->E, &F->top, c->v, c->n, &F->top_buf);
    return &F->top_buf;
}

/* Code that names no memory (locals, globals, constants, arithmetic)
 * before instruction at: nothing for top_code to rewrite, and no need to
 * look at each instruction to know it (the pure counters insert millions
 * of these). */
static void insert_plain(Func *F, uint32_t at, const Code *c)
{
    if (c->n == 0)
        return;
    wrw_insert_before(&F->ed, at, c->v, c->n);
    F->changed = true;
}

static void insert(Func *F, uint32_t at, bool after, const Code *c)
{
    if (c->n == 0)
        return;
    c = top_code(F, c);
    if (after)
        wrw_insert_after(&F->ed, at, c->v, c->n);
    else
        wrw_insert_before(&F->ed, at, c->v, c->n);
    F->changed = true;
}

static void defer(Func *F, uint32_t at, bool after, Code c)
{
    if (c.n == 0) {
        vec_free(c);
        return;
    }
    Deferred d = {at, after, c};
    vec_push(F->deferred, d);
}

/* The instruction as the else branch of a predicated alt re-runs it:
 * inside the alt's `if`, so its labels count one block more. */
static WasmInstr one_deeper(Func *F, const WasmInstr *in)
{
    WasmInstr o = *in;
    uint32_t fl = wasm_ops[in->op].flags;
    if (!(fl & OPF_BRANCH))
        return o;
    if (in->op == WASM_OP_BrTable) {
        o.ext.labels = arena_alloc(F->fa, sizeof *o.ext.labels * in->n);
        for (uint32_t k = 0; k < in->n; k++)
            o.ext.labels[k] = in->ext.labels[k] + 1;
    } else {
        o.a++; /* br, br_if, br_on_null/non_null, br_on_cast[_fail] */
    }
    return o;
}

static void append_code(Code *to, const Code *from)
{
    for (uint32_t i = 0; i < from->n; i++)
        vec_push(*to, from->v[i]);
}

/* The values an alt in place of an instruction that never falls through
 * (br, return, unreachable, ...) hands to the code after it, which was
 * dead: what the instruction took, but br_table's index.  The body
 * leaves them itself (`return 0;`), or they are pushed back after it.
 * The function is checked once rewritten (check_rewritten). */
static uint32_t uncond_keep(const Site *s)
{
    return s->nparams - (s->in->op == WASM_OP_BrTable && s->nparams);
}

static bool uncond_results(Func *F, const Site *s, Gen *G)
{
    uint32_t keep = uncond_keep(s);
    if (G->pushed == 0) {
        for (uint32_t k = s->nparams; k-- > s->nparams - keep;)
            gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, G->arg_local[k]));
        return true;
    }
    if (G->pushed == keep)
        return true;
    emit_error(F->E, G->exp->probe->span, "the alt probe leaves %u values "
               "in place of `%s`, which never falls through: leave nothing "
               "or the %u value%s it passes on", G->pushed,
               wasm_ops[s->in->op].name, keep, keep == 1 ? "" : "s");
    return false;
}

/* An alt body must leave what the instruction (or block) leaves. */
static bool alt_leaves_results(Func *F, const Gen *G, const Site *s)
{
    if (G->pushed == s->nresults || F->E->failed)
        return !F->E->failed;
    emit_error(F->E, G->exp->probe->span, "the alt probe leaves %u "
               "value%s where `%s` leaves %u (end it with `return "
               "<value>;` or an alt_call)", G->pushed,
               G->pushed == 1 ? "" : "s", wasm_ops[s->in->op].name,
               s->nresults);
    return false;
}

static void want_check(Func *F, const Site *s, const Exp *x)
{
    if (F->check)
        return;
    F->check = true;
    F->check_span = x->probe->span;
    F->check_pc = s->pc;
    F->check_op = s->in->op;
}

static const WasmInstr *written(const Func *F, uint32_t i);

/* The alt replacement: body, or with a residual
 * predicate `pred if (-> results) body else <operands> <instr> end`. */
static void gen_alt(Func *F, Gen *G, const Site *s, const Block *body,
                    Expr *residual)
{
    Code rep = {0}, bc = {0};
    bool uncond = wasm_ops[s->in->op].flags & OPF_UNCOND;
    Site us = *s; /* what the body may leave */
    if (uncond) {
        us.results = s->params;
        us.nresults = uncond_keep(s);
        G->site = &us;
        want_check(F, s, G->exp);
    }
    G->out = &rep;
    G->alt = true;
    gen_heap_reset(G);
    G->out = &bc; /* the body first: its value count types the `if` */
    gen_block(G, body);
    const WasmValType *res = us.results;
    uint32_t nres = us.nresults;
    if (uncond ? !uncond_results(F, s, G) : !alt_leaves_results(F, G, s)) {
        vec_free(rep);
        vec_free(bc);
        return;
    }
    G->out = &rep;
    if (residual) {
        gen_expr(G, residual);
        gen_push(G, gen_block_instr(F->E->m, WASM_OP_If, res, nres));
    }
    append_code(&rep, &bc);
    if (residual) {
        gen_push(G, wasm_instr(WASM_OP_Else));
        restore_values(G, G->arg_local, G->nargs_saved);
        gen_push(G, one_deeper(F, written(F, s->opidx)));
        gen_push(G, wasm_instr(WASM_OP_End));
    }
    const Code *c = top_code(F, &rep);
    wrw_replace(&F->ed, s->opidx, c->v, c->n);
    F->changed = true;
    vec_free(rep);
    vec_free(bc);
}

/* ---- block alt ---------------------------------------------------------------- */

static void compute_matches(Func *F);

/* Deletes what lies strictly between instructions lo and hi when the
 * function is committed (apply_dead); the walk skips it. */
static void delete_between(Func *F, uint32_t lo, uint32_t hi)
{
    DeadSpan d = {lo, hi};
    vec_push(F->dead, d);
}

/* c at the start of the else branch of the if at i: after its else, or
 * in an else of our own written in place of its end, so that code placed
 * before that end stays in the then branch (compute_matches first). */
static void insert_in_else(Func *F, uint32_t i, const Code *c)
{
    if (F->else_of[i] >= 0) {
        insert(F, (uint32_t)F->else_of[i], true, c);
        return;
    }
    Code e = {0};
    vec_push(e, wasm_instr(WASM_OP_Else));
    append_code(&e, c);
    vec_push(e, wasm_instr(WASM_OP_End));
    const Code *t = top_code(F, &e);
    wrw_replace(&F->ed, F->match[i], t->v, t->n);
    vec_free(e);
}

/* `local.get p; if; body; br 1; end`: at the start of a block (or of a
 * part of an if), leaves it with the alt body's values when p holds. */
static void push_alt_check(Code *c, uint32_t p, const Code *body)
{
    vec_push(*c, wasm_instr_idx(WASM_OP_LocalGet, p));
    vec_push(*c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
    append_code(c, body);
    vec_push(*c, wasm_instr_idx(WASM_OP_Br, 1));
    vec_push(*c, wasm_instr(WASM_OP_End));
}

/* A block alt whose predicate is only known at run time: the block stays
 * (no label moves) and a check at its start leaves it with the body's
 * values; the operands are saved for the predicate and restored for the
 * block.  An else's check sits at the start of the else branch. */
static void guarded_block_alt(Func *F, Gen *G, const Site *s, Expr *residual,
                              Code *save, const Code *bc)
{
    uint32_t i = s->opidx;
    Code c = {0};
    if (s->in->op == WASM_OP_Else) {
        append_code(&c, save);
        G->out = &c;
        gen_expr(G, residual);
        vec_push(c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
        append_code(&c, bc);
        vec_push(c, wasm_instr_idx(WASM_OP_Br, 1));
        vec_push(c, wasm_instr(WASM_OP_End));
        restore_values(G, G->arg_local, G->nargs_saved);
        insert(F, i, true, &c);
        vec_free(c);
        return;
    }
    uint32_t p = locals_get(&F->L, F->E->m, (WasmValType){WASM_I32, 0}, true);
    append_code(&c, save);
    G->out = &c;
    gen_expr(G, residual);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, p));
    restore_values(G, G->arg_local, G->nargs_saved);
    insert(F, i, false, &c);
    c.n = 0;
    push_alt_check(&c, p, bc);
    insert(F, i, true, &c);
    if (s->in->op == WASM_OP_If)
        insert_in_else(F, i, &c);
    vec_free(c);
}

/* One more level for every label of instruction k (inside a loop that
 * nest blocks deeper) that names a block outside the loop. */
static bool label_out(uint32_t *label, uint32_t nest)
{
    if (*label <= nest)
        return false;
    (*label)++;
    return true;
}

static bool relabel_instr(Func *F, WasmInstr *in, uint32_t nest)
{
    bool moved = false;
    if (wasm_ops[in->op].imm != IMM_LABEL &&
        wasm_ops[in->op].imm != IMM_BR_ON_CAST && in->n == 0)
        return false; /* no table of labels */
    switch (wasm_ops[in->op].imm) {
    case IMM_LABEL: case IMM_BR_ON_CAST:
        /* delegate's label counts from outside the try it closes */
        return label_out(&in->a, nest - (in->op == WASM_OP_Delegate));
    case IMM_BR_TABLE: {
        uint32_t *l = arena_alloc(F->fa, sizeof *l * in->n);
        memcpy(l, in->ext.labels, sizeof *l * in->n);
        for (uint32_t k = 0; k < in->n; k++)
            moved |= label_out(&l[k], nest);
        in->ext.labels = l;
        return moved;
    }
    case IMM_TRY_TABLE: { /* catch labels count from outside try_table */
        WasmCatch *c = arena_alloc(F->fa, sizeof *c * (in->n + 1));
        memcpy(c, in->ext.catches, sizeof *c * in->n);
        for (uint32_t k = 0; k < in->n; k++)
            moved |= label_out(&c[k].label, nest);
        in->ext.catches = c;
        return moved;
    }
    default:
        return false;
    }
}

/* The loop lo..hi goes into a block of whamm's: branches inside it to
 * labels outside it count that block too.  The moved copies (F->moved)
 * are what whamm writes and re-runs (an alt's else branch); sites keep
 * the original instruction, so `imm0`, `targets` and at_target's label
 * lookup see the input's labels. */
static void relabel_loop(Func *F, uint32_t lo, uint32_t hi)
{
    if (!F->moved)
        F->moved = arena_alloc(F->fa, sizeof *F->moved * F->ed.ncode);
    uint32_t nest = 0;
    for (uint32_t k = lo + 1; k < hi; k++) {
        WasmInstr in = F->moved[k] ? *F->moved[k] : F->ed.code[k];
        uint16_t fl = wasm_ops[in.op].flags;
        if (relabel_instr(F, &in, nest)) {
            in.off = in.len = 0;
            F->moved[k] = arena_dup(F->fa, &in, sizeof in);
        }
        if (fl & OPF_BLOCK)
            nest++;
        else if ((fl & OPF_END) && nest)
            nest--;
    }
}

/* The instruction at i as whamm writes it (its labels moved or not). */
static const WasmInstr *written(const Func *F, uint32_t i)
{
    return F->moved && F->moved[i] ? F->moved[i] : &F->ed.code[i];
}

static void apply_moved(Func *F)
{
    for (uint32_t k = 0; F->moved && k < F->ed.ncode; k++)
        if (F->moved[k] && !F->ed.removed[k]) /* else gone or replaced */
            wrw_replace(&F->ed, k, F->moved[k], 1);
}

/* A loop alt whose predicate is only known at run time.  A loop cannot
 * be left from its head, so it goes into a block of whamm's with the same
 * type: `p = pred; block; loop; (if p: body; br 2); ...; end; end`.  p is
 * computed once, before the loop is entered, and checked at the head of
 * every iteration: when it holds the first check leaves with the body's
 * values, otherwise every iteration runs as written. */
static void guarded_loop_alt(Func *F, Gen *G, const Site *s, Expr *residual,
                             Code *save, const Code *bc)
{
    uint32_t i = s->opidx, end = F->match[i];
    /* the check leaves past the loop's end, where a loop that calls
     * nothing stores the counts it keeps in locals: this one keeps none */
    if (F->w.in && F->w.start == i)
        F->w.in = false;
    relabel_loop(F, i, end);
    uint32_t p = locals_get(&F->L, F->E->m, (WasmValType){WASM_I32, 0}, true);
    Code c = {0};
    append_code(&c, save);
    G->out = &c;
    gen_expr(G, residual);
    gen_push(G, wasm_instr_idx(WASM_OP_LocalSet, p));
    restore_values(G, G->arg_local, G->nargs_saved);
    WasmInstr wrap = *s->in;
    wrap.op = WASM_OP_Block;
    wrap.off = wrap.len = 0;
    vec_push(c, wrap);
    insert(F, i, false, &c);
    c.n = 0;
    vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, p));
    vec_push(c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
    append_code(&c, bc);
    vec_push(c, wasm_instr_idx(WASM_OP_Br, 2));
    vec_push(c, wasm_instr(WASM_OP_End));
    insert(F, i, true, &c);
    c.n = 0;
    vec_push(c, wasm_instr(WASM_OP_End));
    insert(F, end, true, &c);
    vec_free(c);
}

/* `block_alt`: the body replaces the construct -- the opener and
 * everything up to its end, or an else branch (the else stays) -- and
 * must leave the construct's results.  With a residual predicate see
 * guarded_block_alt (guarded_loop_alt for a loop: its label is its
 * head). */
static void gen_block_alt(Func *F, Gen *G, const Site *s, const Block *body,
                          Expr *residual, Code *save)
{
    uint32_t i = s->opidx;
    bool is_else = s->in->op == WASM_OP_Else;
    compute_matches(F);
    Code bc = {0};
    G->out = &bc;
    G->alt = true;
    gen_heap_reset(G);
    uint32_t before = G->pushed;
    gen_block(G, body);
    G->pushed -= before;
    want_check(F, s, G->exp);
    if (!alt_leaves_results(F, G, s)) {
        vec_free(bc);
        return;
    }
    if (residual && s->in->op == WASM_OP_Loop) {
        guarded_loop_alt(F, G, s, residual, save, &bc);
    } else if (residual) {
        guarded_block_alt(F, G, s, residual, save, &bc);
    } else {
        Code rep = {0};
        if (is_else) {
            vec_push(rep, *s->in);
            append_code(&rep, save);
        } else {
            insert(F, i, false, save);
        }
        append_code(&rep, &bc);
        const Code *t = top_code(F, &rep);
        wrw_replace(&F->ed, i, t->v, t->n);
        delete_between(F, i, F->match[i]);
        if (!is_else)
            wrw_remove(&F->ed, F->match[i]);
        F->skip_to = F->match[i] + !is_else;
        vec_free(rep);
    }
    F->changed = true;
    vec_free(bc);
}

static bool has_locals(const Code *c)
{
    for (uint32_t i = 0; i < c->n; i++) {
        uint16_t op = c->v[i].op;
        if (op == WASM_OP_LocalGet || op == WASM_OP_LocalSet ||
            op == WASM_OP_LocalTee)
            return true;
    }
    return false;
}

/* Where a probe's code goes. */
typedef enum { AT_BEFORE, AT_AFTER, AT_DEFER_BEFORE, AT_DEFER_AFTER,
               AT_CODE } Place;

/* Whether expansion x can run at site s: its bound variables exist here
 * with the types it declares. */
static bool fits_site(Func *F, const Site *s, const Exp *x)
{
    TypeCtx tc = {F, s, x->mode};
    if (!tc_bounds_match_site(x->probe, site_type, &tc))
        return false;
    return !((x->max_arg >= 0 && !site_type(&tc, "arg0")) ||
             (x->max_arg >= 0 && (uint32_t)x->max_arg >= s->nparams) ||
             (x->max_res >= 0 && (!s->params_known ||
                                  (uint32_t)x->max_res >= s->nresults ||
                                  x->mode != MD_AFTER)) ||
             ((x->mode == MD_ALT || x->mode == MD_BLOCK_ALT) &&
              !s->params_known));
}

/* Folds x's predicate at s: FOLD_FALSE when x does not match there. */
static FoldPred fold_at(Func *F, const Site *s, const Exp *x,
                        Expr **residual)
{
    Emit *E = F->E;
    Folder fo = {F->sa, (void *)s, emit_fold_lookup, &E->consts[x->script],
                 emit_static_call, E};
    *residual = NULL;
    return E->opt->no_pred ? FOLD_TRUE
                           : fold_predicate(&fo, x->pred, residual);
}

/* ---- probes that test the branch ------------------------------------------------ */

/* A probe before `br_if L` whose body is `if (arg0 != 0) { A } else { B }`
 * (arg0 is the branch's condition) runs A exactly when the branch is
 * taken and B when it is not.  So the probe and the branch become one:
 * `if (c != 0) { A; br L+1 } else { B } end` in place of the br_if: one
 * test where there were two (a branch monitor's tight loops run much
 * faster under V8).  Only where nothing else of whamm runs at the br_if
 * and L is a forward label that takes no values. */

static bool in_region(const Func *F, uint32_t i);

static bool is_arg0(const Expr *e)
{
    return e->kind == EX_ID && e->sym == SYM_BOUND_DYNAMIC &&
           strcmp(e->name, "arg0") == 0;
}

/* 1 if e is `arg0 != 0`, -1 if `arg0 == 0` (either way round), else 0. */
static int tests_arg0(const Expr *e)
{
    if (!e || e->kind != EX_BINARY || (e->bop != BIN_NE && e->bop != BIN_EQ))
        return 0;
    const Expr *a = e->a, *b = e->b;
    if (!is_arg0(a)) {
        const Expr *t = a;
        a = b;
        b = t;
    }
    if (!is_arg0(a) || b->kind != EX_INT || b->ival != 0)
        return 0;
    return e->bop == BIN_NE ? 1 : -1;
}

/* Whether the br_if branches forward (to a block's end or out of the
 * function) to a label that takes no values.  Not back to a loop: with
 * the branch back inside an arm V8 lays some loops out worse, and over
 * the 18 kernels of bench/overhead.sh merging only forward branches runs
 * fastest (bench/README.md). */
static bool forward_label_takes_nothing(const Func *F, uint32_t depth)
{
    uint32_t at = label_block(F, depth);
    if (at == UINT32_MAX)
        return wasm_func_type(F->E->m, F->func)->nresults == 0;
    const WasmInstr *o = &F->ed.code[at];
    return o->op != WASM_OP_Loop && o->bt_kind == WASM_BT_EMPTY;
}

/* Whether nothing of whamm but x (and pure counters, added before) runs
 * at br_if or if site s. */
static bool alone_at_branch(const Func *F, const Site *s, const Exp *x)
{
    const Emit *E = F->E;
    const ExpList *l = &E->by_op[s->in->op];
    for (uint32_t k = 0; k < l->n; k++)
        if (l->v[k] != x && l->v[k]->counter < 0)
            return false;
    return !E->block_start.n && !E->block_end.n && !E->shadows &&
           !(in_region(F, s->opidx) && flow_leaves_region(&F->w, s->opidx));
}

/* The index of the `if` in x's body (folded) at s when probe and branch
 * can be one (the statements before it only declare slots), else -1. */
static int branch_if(const Func *F, const Site *s, const Exp *x,
                     const Block *body, const Expr *residual)
{
    if (!s->in || (s->in->op != WASM_OP_BrIf && s->in->op != WASM_OP_If) ||
        x->mode != MD_BEFORE || residual || x->max_arg != 0 ||
        x->max_res >= 0 || body->n == 0 || gen_uses_return(body))
        return -1;
    uint32_t last = body->n - 1;
    const Stmt *st = body->v[last];
    if (st->kind != ST_IF || !tests_arg0(st->rhs))
        return -1;
    for (uint32_t k = 0; k < last; k++)
        if (body->v[k]->kind != ST_DECL ||
            !(body->v[k]->is_report || body->v[k]->is_unshared))
            return -1;
    if (!alone_at_branch(F, s, x))
        return -1;
    return (int)last;
}

/* Whether every statement of b is `v++` or `v--` on an integer variable
 * (a counter): nothing in it reads the site, and the same steps the other
 * way undo it exactly (integers wrap both ways). */
static bool only_steps(const Block *b)
{
    for (uint32_t k = 0; k < b->n; k++) {
        const Stmt *st = b->v[k];
        if ((st->kind != ST_INCR && st->kind != ST_DECR) || !st->lhs ||
            st->lhs->kind != EX_ID || !ty_is_int(st->lhs->ty))
            return false;
    }
    return true;
}

/* Whether a branch to label depth goes back to a loop. */
static bool branches_back(const Func *F, uint32_t depth)
{
    uint32_t at = label_block(F, depth);
    return at != UINT32_MAX && F->ed.code[at].op == WASM_OP_Loop;
}

/* How a probe that tests its branch's condition is put with the branch:
 * - BRANCH_MERGED: `br_if` to a forward label that takes no values: the
 *   probe's if and the branch are one (gen_branch_probe);
 * - BRANCH_SPECULATED: a `br_if` back to a loop whose arms only count:
 *   the taken arm runs before the branch, and where it falls through
 *   that arm is undone and the other one runs (gen_speculated_branch):
 *   no test of our own on a back edge (mostly taken), where V8 lays out
 *   a merged branch worse;
 * - BRANCH_IN_ARMS: an `if` whose arms only count: each arm of the probe
 *   goes at the start of the matching arm of the `if` (gen_probe_in_arms),
 *   when no probe runs at an `else` or `end`. */
typedef enum { BRANCH_NONE, BRANCH_MERGED, BRANCH_SPECULATED,
               BRANCH_IN_ARMS } BranchForm;

static BranchForm branch_form(const Func *F, const Site *s, const Exp *x,
                              const Block *body, const Expr *residual,
                              uint32_t *at_if)
{
    int k = branch_if(F, s, x, body, residual);
    if (k < 0)
        return BRANCH_NONE;
    *at_if = (uint32_t)k;
    const Stmt *st = body->v[k];
    bool counts = only_steps(&st->then_b) && only_steps(&st->else_b);
    const Emit *E = F->E;
    if (s->in->op == WASM_OP_If)
        return counts && !E->by_op[WASM_OP_Else].n &&
                       !E->by_op[WASM_OP_End].n
                   ? BRANCH_IN_ARMS : BRANCH_NONE;
    if (forward_label_takes_nothing(F, s->in->a))
        return BRANCH_MERGED;
    return counts && branches_back(F, s->in->a) ? BRANCH_SPECULATED
                                                : BRANCH_NONE;
}

/* The merged code (G's operand saved: arg0 in a local) in place of the
 * br_if. */
static void gen_branch_probe(Func *F, Gen *G, const Site *s,
                             const Block *body, uint32_t at_if)
{
    const Stmt *st = body->v[at_if];
    gen_if_branch(G, st, tests_arg0(st->rhs) > 0, s->in->a);
    insert(F, s->opidx, false, G->out);
    wrw_remove(&F->ed, s->opidx);
}

/* The arms of the probe's if: *on_true runs when the condition is not 0. */
static void probe_arms(const Stmt *st, const Block **on_true,
                       const Block **on_false)
{
    bool then_true = tests_arg0(st->rhs) > 0;
    *on_true = then_true ? &st->then_b : &st->else_b;
    *on_false = then_true ? &st->else_b : &st->then_b;
}

/* b's code added to G->out; its declarations end with it. */
static void gen_arm_code(Gen *G, const Block *b)
{
    uint32_t nvars = G->vars.n;
    gen_block(G, b);
    G->vars.n = nvars;
}

/* b with every step the other way (only_steps holds for b). */
static Block undo_steps(Arena *a, const Block *b)
{
    Block u = {arena_alloc(a, sizeof *u.v * (b->n + 1)), b->n};
    for (uint32_t k = 0; k < b->n; k++) {
        Stmt *st = arena_dup(a, b->v[k], sizeof *st);
        st->kind = st->kind == ST_INCR ? ST_DECR : ST_INCR;
        u.v[k] = st;
    }
    return u;
}

/* BRANCH_SPECULATED: `A; br_if L; undo A; B`. */
static void gen_speculated_branch(Func *F, Gen *G, const Site *s,
                                  const Block *body, uint32_t at_if)
{
    const Block *taken, *fallthrough;
    probe_arms(body->v[at_if], &taken, &fallthrough);
    G->out->n = 0;
    gen_arm_code(G, taken);
    insert(F, s->opidx, false, G->out);
    Block undo = undo_steps(F->sa, taken);
    G->out->n = 0;
    gen_arm_code(G, &undo);
    gen_arm_code(G, fallthrough);
    insert(F, s->opidx, true, G->out);
}

/* BRANCH_IN_ARMS: A after the `if`, B at the start of its else branch. */
static void gen_probe_in_arms(Func *F, Gen *G, const Site *s,
                              const Block *body, uint32_t at_if)
{
    const Block *on_true, *on_false;
    probe_arms(body->v[at_if], &on_true, &on_false);
    uint32_t i = s->opidx;
    G->out->n = 0;
    gen_arm_code(G, on_true);
    insert(F, i, true, G->out);
    G->out->n = 0;
    gen_arm_code(G, on_false);
    if (G->out->n == 0)
        return;
    compute_matches(F);
    insert_in_else(F, i, G->out);
}

/* Matches expansion x at site s; injects its code.  out: with AT_CODE the
 * code is returned instead (function exit copies).  Returns whether it
 * matched. */
static bool emit_probe_here(Func *F, const Site *s, Exp *x, Place place,
                            uint32_t at, Code *out)
{
    Emit *E = F->E;
    if (!fits_site(F, s, x))
        return false;
    Folder fo = {F->sa, (void *)s, emit_fold_lookup, &E->consts[x->script],
                 emit_static_call, E};
    Expr *residual = NULL;
    FoldPred fp = fold_at(F, s, x, &residual);
    if (fp == FOLD_FALSE)
        return false;
    E->res->probes[x->probe_index].sites++;
    bool cacheable = !x->uses_static && !x->uses_locals && x->nslots == 0 &&
                     fp == FOLD_TRUE && place == AT_BEFORE;
    if (cacheable && x->have_cached) {
        insert(F, at, false, &x->cached);
        return true;
    }
    Code code = {0};
    Gen G = {0};
    G.E = E;
    G.out = &code;
    G.locals = &F->L;
    G.site = s;
    G.exp = x;
    G.script = x->script;
    G.span = x->probe->span;
    uint32_t at_if = 0;
    /* the form as written decides where the slots live; folding may
     * still change it below (then the slots only live elsewhere) */
    BranchForm written = place == AT_BEFORE
                             ? branch_form(F, s, x, &x->body, residual,
                                           &at_if)
                             : BRANCH_NONE;
    bool if_gone = written == BRANCH_SPECULATED || written == BRANCH_IN_ARMS;
    alloc_slots(F, x, s, &fo, if_gone, &G);
    Block body = E->opt->no_body ? (Block){NULL, 0} : fold_block(&fo, x->body);
    BranchForm form = place == AT_BEFORE
                          ? branch_form(F, s, x, &body, residual, &at_if)
                          : BRANCH_NONE;
    bool alt = x->mode == MD_ALT || x->mode == MD_BLOCK_ALT;
    uint32_t nsave = alt ? s->nparams
                     : x->max_arg >= 0 ? (uint32_t)x->max_arg + 1 : 0;
    if (form == BRANCH_SPECULATED || form == BRANCH_IN_ARMS)
        nsave = 0; /* the branch itself tests the condition */
    if (nsave)
        save_values(&G, F->fa, s->params, s->nparams, nsave,
                    x->mode == MD_AT_TARGET, &G.arg_local);
    G.nargs_saved = nsave;
    if (x->mode == MD_ALT) {
        insert(F, at, false, &code);
        gen_alt(F, &G, s, &body, residual);
    } else if (x->mode == MD_BLOCK_ALT) {
        gen_block_alt(F, &G, s, &body, residual, &code);
    } else if (x->mode == MD_AT_TARGET) {
        /* operands saved at the branch, the body for its targets */
        restore_values(&G, G.arg_local, nsave);
        insert(F, at, false, &code);
        code.n = 0;
        gen_guarded_body(&G, &body, residual);
        append_code(out, &code);
    } else if (x->mode == MD_AFTER) {
        restore_values(&G, G.arg_local, nsave);
        insert(F, at, false, &code);
        code.n = 0;
        uint32_t nres = x->max_res >= 0 ? (uint32_t)x->max_res + 1 : 0;
        if (nres)
            save_values(&G, F->fa, s->results, s->nresults, nres, false,
                        &G.res_local);
        G.nres_saved = nres;
        gen_guarded_body(&G, &body, residual);
        restore_values(&G, G.res_local, nres);
        insert(F, at, true, &code);
    } else if (form == BRANCH_MERGED) {
        gen_branch_probe(F, &G, s, &body, at_if);
    } else if (form == BRANCH_SPECULATED) {
        gen_speculated_branch(F, &G, s, &body, at_if);
    } else if (form == BRANCH_IN_ARMS) {
        gen_probe_in_arms(F, &G, s, &body, at_if);
    } else {
        gen_guarded_body(&G, &body, residual);
        restore_values(&G, G.arg_local, nsave);
        if (place == AT_CODE) {
            for (uint32_t i = 0; i < code.n; i++)
                vec_push(*out, code.v[i]);
        } else if (place == AT_DEFER_BEFORE || place == AT_DEFER_AFTER) {
            defer(F, at, place == AT_DEFER_AFTER, code);
            code = (Code){0};
        } else {
            insert(F, at, place == AT_AFTER, &code);
            if (cacheable && !has_locals(&code)) {
                x->cached = code;
                x->have_cached = true;
                code = (Code){0};
            }
        }
    }
    vec_free(code);
    vec_free(G.vars);
    return true;
}

/* The same; the folded copies of x's predicate and body go when it is
 * done (kept for a whole function they took 20 MB on a large body). */
static bool emit_probe(Func *F, const Site *s, Exp *x, Place place,
                       uint32_t at, Code *out)
{
    bool matched = emit_probe_here(F, s, x, place, at, out);
    arena_reset(F->sa);
    return matched;
}

/* ---- sites ------------------------------------------------------------------------ */

/* The operand and result types at s (a type pass over the whole body for
 * some instructions: only for sites where a probe may need them). */
static void site_types(Func *F, Site *s)
{
    site_operands(F, s);
    if (!s->params_known && wasm_op_stack_typed(s->in->op))
        stack_operands(F, s);
    if (s->in->op == WASM_OP_Else && s->params_known) {
        /* what the else branch starts with and must leave (its alt
         * replaces the branch), not what the then branch left */
        const WasmValType *t = s->params;
        uint32_t n = s->nparams;
        s->params = s->results;
        s->nparams = s->nresults;
        s->results = t;
        s->nresults = n;
    }
}

/* Site i; with types, its operand and result types too (else
 * params_known is false). */
static void init_site(Func *F, Site *s, uint32_t i, bool types)
{
    memset(s, 0, sizeof *s);
    s->E = F->E;
    s->func = s->fid = F->func;
    s->in = &F->ed.code[i];
    s->opidx = i;
    s->pc = s->meta_pc = F->ed.code[i].off;
    s->at_func_end = i + 1 == F->ed.ncode;
    s->fname = F->fname;
    s->fname_len = F->fname_len;
    s->resolved_fid = -1;
    if (i > 0 && F->ed.code[i - 1].op == WASM_OP_RefFunc)
        s->resolved_fid = F->ed.code[i - 1].a;
    if (types)
        site_types(F, s);
    if (load_locals(F)) {
        s->local_types = F->locals;
        s->nlocal_types = F->nlocals;
    }
}

/* A trap the program raises itself (abort(), __builtin_trap, a failed
 * assert end in `unreachable`): the report is flushed before it. */
static bool is_own_trap(const Emit *E, const WasmInstr *in)
{
    return E->need_flush && in->op == WASM_OP_Unreachable;
}

static bool is_prog_exit(const Emit *E, const WasmInstr *in)
{
    return emit_calls_exit(E, in->op, in->a);
}

/* opener / else -> matching end; if -> else. */
static void compute_matches(Func *F)
{
    if (F->match)
        return;
    uint32_t n = F->ed.ncode;
    F->match = arena_alloc(F->fa, sizeof *F->match * n);
    F->else_of = arena_alloc(F->fa, sizeof *F->else_of * n);
    uint32_t *stack = arena_alloc(F->fa, sizeof *stack * (n + 1));
    uint32_t depth = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint16_t fl = wasm_ops[F->ed.code[i].op].flags;
        F->match[i] = i;
        F->else_of[i] = -1;
        if (fl & OPF_BLOCK) {
            stack[depth++] = i;
        } else if ((fl & OPF_MID) && depth) {
            if (F->ed.code[i].op == WASM_OP_Else)
                F->else_of[stack[depth - 1]] = (int32_t)i;
        } else if ((fl & OPF_END) && depth) {
            uint32_t o = stack[--depth];
            F->match[o] = i;
            if (F->else_of[o] >= 0)
                F->match[F->else_of[o]] = i;
        }
    }
}

static bool is_block_op(uint16_t op)
{
    return op == WASM_OP_Block || op == WASM_OP_Loop || op == WASM_OP_If ||
           op == WASM_OP_Else || op == WASM_OP_TryTable;
}

/* ---- branch targets --------------------------------------------------------- */

/* The opener of the construct `depth` labels up from instruction i, or -1
 * for the function's label (depth as in the input). */
static int64_t label_opener(Func *F, uint32_t i, uint32_t depth)
{
    uint32_t skip = depth;
    for (uint32_t k = i; k-- > 0;) {
        uint32_t fl = wasm_ops[F->ed.code[k].op].flags;
        if (!(fl & OPF_BLOCK) || F->match[k] < i)
            continue; /* not open at i */
        if (skip == 0)
            return k;
        skip--;
    }
    return -1;
}

/* at_target of the br_table entries that leave the function: the body
 * runs just before the br_table when its index selects one of them
 * (before the function's exit code).  A br_table of whamm's over the same
 * index picks: `local.set t; block; block; local.get t; br_table (0 for
 * an entry leaving the function, else 1); end; body; end; local.get t`. */
static void br_table_leaving(Func *F, const Site *s, const Code *body)
{
    const WasmInstr *in = s->in;
    uint32_t t = locals_get(&F->L, F->E->m, (WasmValType){WASM_I32, 0},
                            true);
    WasmInstr sel = wasm_instr(WASM_OP_BrTable);
    sel.n = in->n;
    sel.ext.labels = arena_alloc(F->fa, sizeof *sel.ext.labels * in->n);
    for (uint32_t k = 0; k < in->n; k++)
        sel.ext.labels[k] = label_opener(F, s->opidx, in->ext.labels[k]) >= 0;
    WasmInstr blk = {.op = WASM_OP_Block, .bt_kind = WASM_BT_EMPTY};
    Code c = {0};
    vec_push(c, wasm_instr_idx(WASM_OP_LocalSet, t));
    vec_push(c, blk);
    vec_push(c, blk);
    vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, t));
    vec_push(c, sel);
    vec_push(c, wasm_instr(WASM_OP_End));
    append_code(&c, body);
    vec_push(c, wasm_instr(WASM_OP_End));
    vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, t));
    defer(F, s->opidx, false, c);
}

static void push_flag(Code *c, uint32_t flag, int32_t v)
{
    vec_push(*c, wasm_instr_i32(v));
    vec_push(*c, wasm_instr_idx(WASM_OP_LocalSet, flag));
}

/* `at_target`: the body runs where the branch lands when it is taken,
 * with the operands saved at the branch: after the end of a block/if
 * target, at the head of a loop target, just before leaving for the
 * function's label (for br_table: when the index selects such an
 * entry).  As in the reference, a br_if runs it right after itself when
 * not taken, and the flag that says the branch was taken is
 * cleared only when the branch falls through, not when the target runs
 * (so reaching the target later by another path runs it again). */
static void at_target(Func *F, const Site *s, Exp *x)
{
    uint16_t op = s->in->op;
    if (op != WASM_OP_Br && op != WASM_OP_BrIf && op != WASM_OP_BrTable)
        return;
    Code body = {0};
    if (!emit_probe(F, s, x, AT_CODE, s->opidx, &body) || body.n == 0) {
        vec_free(body);
        return;
    }
    compute_matches(F);
    uint32_t flag = locals_get(&F->L, F->E->m, (WasmValType){WASM_I32, 0},
                               true);
    Code set = {0}, clear = {0};
    push_flag(&set, flag, 1);
    push_flag(&clear, flag, 0);
    uint32_t n = op == WASM_OP_BrTable ? s->in->n : 1;
    uint32_t done[64];
    uint32_t ndone = 0;
    for (uint32_t t = 0; t < n; t++) {
        uint32_t d = op == WASM_OP_BrTable ? s->in->ext.labels[t] : s->in->a;
        bool seen = false;
        for (uint32_t k = 0; k < ndone; k++)
            seen |= done[k] == d;
        if (seen || ndone == 64)
            continue;
        done[ndone++] = d;
        int64_t o = label_opener(F, s->opidx, d);
        Code c = {0};
        if (o < 0) { /* the function's label: before the branch leaves */
            if (op == WASM_OP_BrTable) {
                br_table_leaving(F, s, &body);
                continue;
            }
            uint32_t cond = 0;
            if (op == WASM_OP_BrIf) { /* only when it is taken */
                cond = locals_get(&F->L, F->E->m,
                                  (WasmValType){WASM_I32, 0}, true);
                vec_push(c, wasm_instr_idx(WASM_OP_LocalTee, cond));
                vec_push(c, ((WasmInstr){.op = WASM_OP_If,
                                         .bt_kind = WASM_BT_EMPTY}));
            }
            for (uint32_t k = 0; k < body.n; k++)
                vec_push(c, body.v[k]);
            if (op == WASM_OP_BrIf) {
                vec_push(c, wasm_instr(WASM_OP_End));
                vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, cond));
            }
            defer(F, s->opidx, false, c);
            continue;
        }
        vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, flag));
        vec_push(c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
        for (uint32_t k = 0; k < body.n; k++)
            vec_push(c, body.v[k]);
        vec_push(c, wasm_instr(WASM_OP_End));
        bool loop = F->ed.code[o].op == WASM_OP_Loop;
        defer(F, loop ? (uint32_t)o : F->match[o], true, c);
    }
    insert(F, s->opidx, false, &set);
    insert(F, s->opidx, true, &clear);
    if (op == WASM_OP_BrIf) /* not taken: it runs right away */
        insert(F, s->opidx, true, &body);
    vec_free(set);
    vec_free(clear);
    vec_free(body);
}

/* before / after / alt of an opcode, and the block modes of openers. */
static void opcode_probe(Func *F, const Site *s, Exp *x, bool *alt_seen)
{
    uint32_t i = s->opidx;
    switch (x->mode) {
    case MD_BEFORE:
        emit_probe(F, s, x, AT_BEFORE, i, NULL);
        break;
    case MD_AFTER:
        if (!s->at_func_end) /* dropped at the function's final end */
            emit_probe(F, s, x, AT_AFTER, i, NULL);
        break;
    case MD_ALT: case MD_BLOCK_ALT:
        if (is_block_op(s->in->op) != (x->mode == MD_BLOCK_ALT))
            break;
        if (*alt_seen) {
            Expr *residual;
            bool second = fits_site(F, s, x) &&
                          fold_at(F, s, x, &residual) != FOLD_FALSE;
            arena_reset(F->sa);
            if (!second)
                break; /* does not match here: no second alt */
            emit_error(F->E, x->probe->span, "Multiple `alt` probes matched "
                       "same bytecode location for instr_name: %s",
                       wasm_ops[s->in->op].name);
            break;
        }
        *alt_seen = emit_probe(F, s, x, AT_BEFORE, i, NULL);
        break;
    case MD_ENTRY:
        emit_probe(F, s, x, AT_DEFER_AFTER, i, NULL);
        break;
    case MD_EXIT:
        compute_matches(F);
        emit_probe(F, s, x, AT_DEFER_BEFORE,
                   s->in->op == WASM_OP_If && F->else_of[i] >= 0
                       ? (uint32_t)F->else_of[i] : F->match[i], NULL);
        break;
    case MD_BLOCK_AFTER:
        compute_matches(F);
        if (F->match[i] + 1 < F->ed.ncode) /* not after the final end */
            emit_probe(F, s, x, AT_DEFER_AFTER, F->match[i], NULL);
        break;
    case MD_AT_TARGET:
        at_target(F, s, x);
        break;
    default:
        emit_error(F->E, x->probe->span, "mode `%s` is not supported by whamm "
                   "instr yet", x->pm.mode ? x->pm.mode->name : "?");
        break;
    }
}

/* ---- basic blocks (the reference's state machine, quirks included) --------------- */

static bool bb_terminator(uint16_t op)
{
    switch (op) {
    case WASM_OP_If: case WASM_OP_Else: case WASM_OP_Catch:
    case WASM_OP_CatchAll: case WASM_OP_Throw: case WASM_OP_Rethrow:
    case WASM_OP_Return: case WASM_OP_Unreachable: case WASM_OP_Br:
    case WASM_OP_BrIf: case WASM_OP_BrTable: case WASM_OP_BrOnCast:
    case WASM_OP_BrOnCastFail: case WASM_OP_BrOnNull:
    case WASM_OP_BrOnNonNull:
        return true;
    default:
        return false;
    }
}

/* One run of the state machine for event `end_ev`; -1 no match, else 0
 * before / 1 after.  *count gets instr_count for `end`. */
static int bb_step(Func *F, const Site *s, bool end_ev, bool prog_exit,
                   uint32_t *count)
{
    uint16_t op = s->in->op;
    uint32_t i = s->opidx;
    if (op == WASM_OP_Loop || op == WASM_OP_End) {
        if (F->bb_start != i) {
            *count = F->bb_end - F->bb_start;
            F->bb_start = F->bb_end;
            return op == WASM_OP_End && !s->at_func_end;
        }
        if (i == 0 && !end_ev) {
            F->bb_end++;
            return 0;
        }
        return -1;
    }
    F->bb_end++;
    if (bb_terminator(op)) {
        *count = F->bb_end - F->bb_start;
        F->bb_start = F->bb_end;
        return 0;
    }
    *count = F->bb_end - F->bb_start;
    return (i == 0 && !end_ev) || (prog_exit && end_ev) ? 0 : -1;
}

static void block_events(Func *F, const Site *s0, bool prog_exit)
{
    Emit *E = F->E;
    if (s0->opidx == 0)
        F->bb_start = F->bb_end = 0;
    for (int pass = 0; pass < 2; pass++) {
        ExpList *l = pass == 0 ? &E->block_end : &E->block_start;
        if (l->n == 0)
            continue;
        Site s = *s0;
        uint32_t count = 0;
        int where = bb_step(F, &s, pass == 0, prog_exit, &count);
        if (where < 0)
            continue;
        s.has_instr_count = pass == 0;
        s.instr_count = count;
        for (uint32_t k = 0; k < l->n; k++)
            emit_probe(F, &s, l->v[k], where ? AT_AFTER : AT_BEFORE,
                       s.opidx, NULL);
    }
}

/* ---- pure counters: one add per straight-line segment --------------------------- */

static bool ends_segment(uint16_t op)
{
    uint16_t fl = wasm_ops[op].flags;
    return (fl & (OPF_BLOCK | OPF_END | OPF_MID | OPF_BRANCH | OPF_UNCOND |
                  OPF_CALL)) ||
           op == WASM_OP_Throw || op == WASM_OP_ThrowRef ||
           op == WASM_OP_Rethrow || op == WASM_OP_Delegate;
}

/* `counter += total` in its global, before instruction at. */
static void counter_add(Func *F, uint32_t at, uint32_t cidx, int64_t total)
{
    WasmInstr code[6];
    uint32_t n = emit_counter_add(F->E, cidx, total, code);
    Code c = {code, n, n};
    insert_plain(F, at, &c);
}

/* ---- pure counters in locals ------------------------------------------------------ */

/* Without --exact-traps a function sums its pure counters' segments in
 * locals of its own (an add in a register instead of a read and a write of
 * the global) and moves them into the globals only where a count can be
 * observed or the frame left: before every call (the callee may end the
 * program), return, throw, `unreachable`, branch out of the function and
 * the function's final `end`, and before every branch back to a loop, so
 * that a trap the host catches loses at most one iteration's count (in a
 * loop that calls nothing, only where it is left: see below).  A
 * segment that ends at such a point while no count is pending (just after
 * another one) adds to the global directly. */

static void hot_init(Func *F)
{
    F->hot.on = F->counts && !F->E->opt->exact_traps;
    F->hot.pending = false;
    for (uint32_t c = 0; c < EMIT_MAX_COUNTERS; c++)
        F->hot.local[c] = UINT32_MAX;
}

static uint32_t hot_local(Func *F, uint32_t cidx)
{
    if (F->hot.local[cidx] == UINT32_MAX) {
        bool w = emit_counter_wide(emit_counter_global(F->E, cidx));
        F->hot.local[cidx] = wrw_add_local(&F->ed, (WasmValType){
            w ? WASM_I64 : WASM_I32, 0});
        F->hot.flush_ready = false;
    }
    return F->hot.local[cidx];
}

/* `x += step` before instruction at, x the local (get 0x20, set 0x21) or
 * global (0x23, 0x24) of that index, an i64 when wide, else an i32 (step
 * wraps at 32 bits).  Encoded here, not built as instructions: the walk
 * makes one for nearly every segment of a counted body. */
static void insert_step(Func *F, uint32_t at, uint8_t get, uint8_t set,
                        uint32_t index, bool wide, int64_t step)
{
    uint8_t b[32];
    uint32_t k = emit_step_bytes(b, get, set, index, wide, step);
    wrw_insert_bytes_before(&F->ed, at, b, k, 4,
                            get == 0x23 ? WASM_REFS_GLOBAL : 0);
    F->changed = true;
}

/* `local += step` before instruction at (see insert_step). */
static void insert_local_add(Func *F, uint32_t at, uint32_t local, bool wide,
                             int64_t step)
{
    insert_step(F, at, 0x20, 0x21, local, wide, step);
}

/* `local += total` before instruction at. */
static void hot_add(Func *F, uint32_t at, uint32_t cidx, int64_t total)
{
    const GlobalVar *g = emit_counter_global(F->E, cidx);
    insert_local_add(F, at, hot_local(F, cidx), emit_counter_wide(g), total);
    F->hot.pending = true;
    F->region.counted |= F->w.in;
}

/* Before instruction i, when it is a flush point and a count is pending:
 * every local into its global, and the local back to zero. */
static void hot_flush_code(Func *F)
{
    Buf b;
    buf_init(&b);
    HotCounters *h = &F->hot;
    h->flush_n = emit_counter_flush(F->E, h->local, &b);
    h->flush = b.len ? arena_dup(F->fa, b.data, b.len) : NULL;
    h->flush_len = (uint32_t)b.len;
    h->flush_ready = true;
    buf_fini(&b);
}

static void hot_flush(Func *F, uint32_t i)
{
    HotCounters *h = &F->hot;
    if (!h->flush_ready)
        hot_flush_code(F);
    if (h->flush_n == 0)
        return;
    wrw_insert_bytes_before(&F->ed, i, h->flush, h->flush_len, h->flush_n,
                            WASM_REFS_GLOBAL);
    F->changed = true;
}

/* The check apart, so that it is inlined at every instruction. */
static void hot_flush_at(Func *F, uint32_t i)
{
    if (F->hot.on && F->hot.pending && F->hot.flush_here)
        hot_flush(F, i);
}

/* After instruction i (walked or deleted): whether a count may be
 * pending: not after a flush point, unknown where branches join (after an
 * end, else or catch).  A loop's start keeps the state: every branch back
 * to it flushes (or, in a loop that calls nothing, it is not left). */
static void hot_after(Func *F, uint32_t i, bool deleted)
{
    HotCounters *h = &F->hot;
    if (!h->on)
        return;
    uint16_t fl = wasm_ops[F->ed.code[i].op].flags;
    if (deleted)
        h->pending = true;
    else if (h->flush_here)
        h->pending = false;
    else if (fl & (OPF_END | OPF_MID))
        h->pending = true;
}

/* ---- loops that call nothing ------------------------------------------------------ */

/* Without --exact-traps, while a loop runs that calls no function (and
 * where no code of whamm calls one), nothing can read the state: so the
 * per-site slots of the probes at its sites and its per-site counters
 * live in locals, loaded before the loop and stored back wherever it is
 * left (before its `end`, and before every branch, return or
 * `unreachable` in it that leaves it, before the report that an
 * `unreachable` prints), and the pure counters are added to their globals
 * only there too, not at every branch back.  Counts stay exact wherever
 * the program can stop; a trap the engine raises in such a loop loses what
 * the loop counted since it began. */

/* probed: the body may have a site of a probe.  Where it has none,
 * nothing is ever kept in a region's locals and the region changes
 * nothing: the search for loops that call nothing (flow.c) is skipped. */
static void region_init(Func *F, bool probed)
{
    const Emit *E = F->E;
    F->w.region_on = probed && !E->opt->exact_traps && !E->shadows &&
                     !E->wei && !E->block_start.n && !E->block_end.n;
    F->region.cond = UINT32_MAX;
}

/* Whether instruction `in` may run code that reads the state or ends the
 * program, or leaves by an exception: a call, a throw or try, memory.grow
 * and memory.size (whamm's functions with the state at the top of memory
 * 0), `unreachable` when exit probes run before its report, a probe that
 * is no plain `before` or may call something. */
static bool calls_out(const Emit *E, const uint16_t *ops, uint16_t op)
{
    switch (op) {
    case WASM_OP_Throw: case WASM_OP_ThrowRef: case WASM_OP_Rethrow:
    case WASM_OP_Try: case WASM_OP_TryTable: case WASM_OP_Catch:
    case WASM_OP_CatchAll: case WASM_OP_Delegate:
    case WASM_OP_MemoryGrow: case WASM_OP_MemorySize:
        return true;
    case WASM_OP_Unreachable:
        return E->func_exit.n > 0;
    default:
        return (wasm_ops[op].flags & OPF_CALL) || (ops[op] & OPS_NOCACHE);
    }
}

/* Before walking instruction i: a loop that calls nothing starts the
 * region, unless the walk is in one. */
static void region_enter(Func *F, uint32_t i)
{
    Region *r = &F->region;
    if (!flow_region_enter(&F->w, i))
        return;
    r->slots.n = r->exits.n = 0;
    r->counted = false;
}

/* Whether instruction i is in the region (after its `loop`, before its
 * `end`): what it runs, runs once per iteration. */
static bool in_region(const Func *F, uint32_t i)
{
    return flow_in_region(&F->w, i);
}

/* After walking instruction i: an exit of the region is noted (its
 * stores come when all of the region's slots are known). */
static void region_note_exit(Func *F, uint32_t i)
{
    if (in_region(F, i) && flow_leaves_region(&F->w, i))
        vec_push(F->region.exits, i);
}

/* A local for a slot with this home, for a site at instruction at: one
 * of the region's, or UINT32_MAX (outside it, or no room). */
static uint32_t region_local(Func *F, uint32_t at, RegionSlot home)
{
    Region *r = &F->region;
    if (!in_region(F, at) || r->slots.n == REGION_MAX_SLOTS)
        return UINT32_MAX;
    home.local = UINT32_MAX;
    for (uint32_t k = 0; k < r->pool.n && home.local == UINT32_MAX; k++)
        if (wasm_valtype_eq(r->pool.v[k].vt, home.vt)) {
            home.local = r->pool.v[k].local;
            r->pool.v[k] = r->pool.v[--r->pool.n];
        }
    if (home.local == UINT32_MAX)
        home.local = wrw_add_local(&F->ed, home.vt);
    vec_push(r->slots, home);
    return home.local;
}

static void region_load(const Func *F, const RegionSlot *r, Code *c)
{
    if (r->in_global) {
        vec_push(*c, wasm_instr_idx(WASM_OP_GlobalGet, r->global));
    } else {
        vec_push(*c, wasm_instr_i32(0));
        vec_push(*c, wasm_instr_memarg(r->load, r->align, r->addr,
                                       F->E->state_mem));
    }
    vec_push(*c, wasm_instr_idx(WASM_OP_LocalSet, r->local));
}

static void region_store(const Func *F, const RegionSlot *r, Code *c)
{
    if (r->in_global) {
        vec_push(*c, wasm_instr_idx(WASM_OP_LocalGet, r->local));
        vec_push(*c, wasm_instr_idx(WASM_OP_GlobalSet, r->global));
    } else {
        vec_push(*c, wasm_instr_i32(0));
        vec_push(*c, wasm_instr_idx(WASM_OP_LocalGet, r->local));
        vec_push(*c, wasm_instr_memarg(r->store, r->align, r->addr,
                                       F->E->state_mem));
    }
}

/* The stores before exit i, after the code of its probes; at a br_if only
 * when it branches. */
static void region_store_at(Func *F, uint32_t i, const Code *stores)
{
    Region *r = &F->region;
    if (F->ed.code[i].op != WASM_OP_BrIf) {
        insert(F, i, false, stores);
        return;
    }
    if (r->cond == UINT32_MAX)
        r->cond = wrw_add_local(&F->ed, (WasmValType){WASM_I32, 0});
    Code c = {0};
    vec_push(c, wasm_instr_idx(WASM_OP_LocalTee, r->cond));
    vec_push(c, ((WasmInstr){.op = WASM_OP_If, .bt_kind = WASM_BT_EMPTY}));
    append_code(&c, stores);
    vec_push(c, wasm_instr(WASM_OP_End));
    vec_push(c, wasm_instr_idx(WASM_OP_LocalGet, r->cond));
    insert(F, i, false, &c);
    vec_free(c);
}

/* After walking instruction i, the region's end: the loads before its
 * loop, the stores wherever it is left; its locals go to the pool.  A
 * global says while it runs with counts in locals, so that a report
 * printed then (after a trap in it) warns that they are missing. */
static void region_close(Func *F, uint32_t i)
{
    Region *r = &F->region;
    if (!F->w.in || i != F->w.end)
        return;
    F->w.in = false;
    if (r->slots.n == 0 && !r->counted)
        return;
    Code loads = {0}, stores = {0};
    emit_loop_live(F->E, &loads, 1);
    emit_loop_live(F->E, &stores, 0);
    for (uint32_t k = 0; k < r->slots.n; k++) {
        region_load(F, &r->slots.v[k], &loads);
        region_store(F, &r->slots.v[k], &stores);
        vec_push(r->pool, r->slots.v[k]);
    }
    insert(F, F->w.start, false, &loads);
    for (uint32_t k = 0; k < r->exits.n; k++)
        region_store_at(F, r->exits.v[k], &stores);
    insert(F, F->w.end, false, &stores);
    vec_free(loads);
    vec_free(stores);
}

/* A probe's slot at site s in a local of the region (a one-part scalar
 * with no base): what codegen then reads and writes; its home keeps the
 * value while the region does not run.  Not for a probe with an `if` in
 * its body that stays an if of its own (if_gone false): a local that only
 * one arm changes makes V8 merge the two values after it, and that runs
 * slower than the update in memory (bench/README.md).  In the arms of
 * the program's own if, or before a back edge, it runs faster. */
static void region_cache_var(Func *F, const Exp *x, const Site *s,
                             bool if_gone, GenVar *v)
{
    EmitPart p[EMIT_MAX_PARTS];
    if ((x->has_if && !if_gone) || !in_region(F, s->opidx) || !v->slot ||
        v->based ||
        v->map_hdr ||
        !(ty_is_numeric(v->ty) || v->ty->kind == TY_BOOL) ||
        emit_parts(v->ty, p) != 1)
        return;
    RegionSlot home = {.vt = p[0].vt, .in_global = v->in_global,
                       .global = v->global, .addr = v->addr + p[0].offset,
                       .load = (uint16_t)emit_load_op(&p[0]),
                       .store = (uint16_t)emit_store_op(&p[0]), .align = 0};
    uint32_t l = region_local(F, s->opidx, home);
    if (l == UINT32_MAX)
        return;
    v->slot = v->in_global = false;
    v->local[0] = l;
}

static bool may_trap(uint16_t op);

/* ---- where segments end ---------------------------------------------------------- */

/* A segment runs on through a `block` and through the `end` of a block no
 * branch goes to or of a loop: only where paths join or the program may
 * stop does a count change (flow.c looks at ends_segment's `block` and
 * `end`). */

/* Where a pure counters' segment ends: after control flow; with
 * --exact-traps also after an instruction that may trap, so that the sum
 * added at the segment's start never counts instructions a trap kept from
 * running (a host that catches the trap still prints the report). */
static bool ends_counter_segment(const Emit *E, uint16_t op)
{
    return ends_segment(op) || (E->opt->exact_traps && may_trap(op));
}

/* Whether the code from instruction i to the end of its block is dead:
 * the instruction before it never falls through (br, br_table, return,
 * unreachable, a throw; not taken away by an alt), and branches land
 * after an `end`, never before one.  Its sites run never. */
static bool dead_after(const Func *F, uint32_t i)
{
    if (i == 0 || i - 1 < F->skip_to)
        return false;
    uint32_t p = i - 1;
    return (wasm_ops[F->ed.code[p].op].flags & OPF_UNCOND) &&
           !F->ed.removed[p] && !wrw_replaced(&F->ed, p);
}

/* The increments of the pure counters (nc of them) at a site of opcode
 * op, added to total; the site is counted for their probes
 * (count_sites). */
static inline void count_site(OpTable *t, uint32_t nc, uint16_t op,
                              int64_t *total)
{
    if (nc == 1) /* the common script: one counter, no loop */
        total[0] += t->delta[op][0];
    else
        for (uint32_t c = 0; c < nc; c++)
            total[c] += t->delta[op][c];
    t->counted_sites[op]++;
}

/* The counter increments each instruction contributes, summed from the
 * segment start at i (the matched sites are counted too); nothing is
 * added in dead code. */
static void counter_segment(Func *F, uint32_t i)
{
    Emit *E = F->E;
    int64_t total[EMIT_MAX_COUNTERS] = {0};
    SegScan sc = {0};
    const WasmInstr *code = F->ed.code;
    const uint16_t *ops = F->ops;
    uint32_t j = i, n = F->ed.ncode, nc = E->ncounters;
    for (; j < n; j++) {
        uint16_t op = code[j].op;
        if (ops[op] & OPS_COUNTED)
            count_site(F->t, nc, op, total);
        if ((ops[op] & OPS_ENDS_SEG) && flow_seg_scan_ends(&F->w, j, &sc))
            break;
    }
    if (dead_after(F, i))
        return;
    /* at the end j the labels are those at i only when no block was
     * opened or closed on the way (else: in a local, always right) */
    bool direct = !F->hot.on ||
                  (!F->hot.pending && j < F->ed.ncode && !sc.crossed &&
                   flow_flush_point(&F->w, j));
    for (uint32_t c = 0; c < E->ncounters; c++) {
        if (!total[c])
            continue;
        if (direct)
            counter_add(F, i, c, total[c]);
        else
            hot_add(F, i, c, total[c]);
    }
}

/* ---- per-site counters: one counter per segment -------------------------------- */

/* A `before` probe whose body only bumps its one integer slot
 * (`report unshared var n: u64; n++;`) gives every site of a segment the
 * same count: the times the segment was entered.  So the sites share one
 * u64 counter, bumped once at the segment's first site, and their report
 * rows all name its address (a narrower slot reads its low bytes, which
 * is the count wrapped as `n++` wraps it).  The segment ends where the
 * pure counters' does (with --exact-traps also after an instruction that
 * may trap), and also at a site where any other code of whamm runs (a
 * probe that is no such counter, the flush before an exit or a trap,
 * block events), so that the count of a site is exact wherever the
 * program can stop: the segment is then every site from its first on,
 * each reached whenever the counter is bumped. */

/* The slot statement `n++` / `n--` / `n = n + lit` bumps (a probe-local
 * integer), and the step; NULL for any other statement. */
static const char *slot_step(const Stmt *s, int64_t *step)
{
    const Expr *l = s->lhs, *r = s->rhs;
    if (!l || l->kind != EX_ID || l->sym != SYM_LOCAL || !l->ty ||
        !ty_is_int(l->ty))
        return NULL;
    if (s->kind == ST_INCR || s->kind == ST_DECR) {
        *step = s->kind == ST_INCR ? 1 : -1;
        return l->name;
    }
    if (s->kind != ST_ASSIGN || !r || r->kind != EX_BINARY ||
        r->bop != BIN_ADD || !r->ty || r->ty->kind != l->ty->kind ||
        r->a->kind != EX_ID || strcmp(r->a->name, l->name) != 0 ||
        r->b->kind != EX_INT || !r->b->ty || r->b->ty->kind != l->ty->kind)
        return NULL;
    *step = (int64_t)(uint64_t)r->b->ival; /* wraps at 64 bits, as the low
                                           * bytes do */
    return l->name;
}

/* Whether e calls nothing: folding it twice (a check, then the probe's
 * own code where it does not fold) runs no @static call twice. */
static bool calls_nothing(const Expr *e)
{
    if (!e)
        return true;
    if (e->kind == EX_CALL || e->kind == EX_LIBCALL)
        return false;
    for (uint32_t i = 0; i < e->nargs; i++)
        if (!calls_nothing(e->args[i]))
            return false;
    return calls_nothing(e->a) && calls_nothing(e->b) && calls_nothing(e->c);
}

static bool is_site_counter(const Emit *E, const Exp *x, int64_t *step)
{
    if (x->ev != EV_OPCODE || x->mode != MD_BEFORE || x->counter >= 0 ||
        x->nslots != 1 || x->body.n != 2 || E->opt->no_body)
        return false;
    const Stmt *d = x->slots[0];
    const char *n;
    return d == x->body.v[0] && d->kind == ST_DECL && !d->rhs &&
           ty_is_int(d->decl_ty) &&
           (n = slot_step(x->body.v[1], step)) && strcmp(n, d->name) == 0 &&
           (E->opt->no_pred || calls_nothing(x->pred));
}

/* Marks the site counters and what each opcode has (ops[op], OPS_*).
 * With whamm's copy of the tables (tables.c, code at other sites) there
 * are none. */
static void find_site_counters(Emit *E, uint16_t *ops)
{
    for (uint32_t i = 0; i < E->exps.n; i++) {
        Exp *x = E->exps.v[i];
        x->site_counter = !E->shadows && is_site_counter(E, x, &x->site_delta);
        if (x->ev == EV_OPCODE && (x->mode != MD_BEFORE || x->calls_out))
            ops[x->op] |= OPS_NOCACHE;
        if (x->ev != EV_OPCODE || x->counter >= 0)
            continue;
        bool plain = x->mode == MD_BEFORE && !x->uses_static &&
                     x->max_res < 0;
        if (!plain || x->max_arg >= 0)
            ops[x->op] |= OPS_TYPED;
        if (!plain || x->max_arg > 0)
            ops[x->op] |= OPS_STACK;
        if (!x->site_counter)
            ops[x->op] |= OPS_FOREIGN;
        else if (x->pred && !E->opt->no_pred)
            ops[x->op] |= OPS_SITE | OPS_GUARDED;
        else
            ops[x->op] |= OPS_SITE;
    }
}

/* An instruction that may trap: a site after it is not reached whenever
 * it is. */
static bool may_trap(uint16_t op)
{
    uint8_t imm = wasm_ops[op].imm;
    if (imm == IMM_MEMARG || imm == IMM_MEMARG_LANE)
        return true;
    switch (wasm_ops[op].category) {
    case WASM_CAT_ATOMIC: case WASM_CAT_GC: case WASM_CAT_EXN:
        return true;
    default:
        break;
    }
    switch (op) {
    case WASM_OP_I32DivS: case WASM_OP_I32DivU: case WASM_OP_I32RemS:
    case WASM_OP_I32RemU: case WASM_OP_I64DivS: case WASM_OP_I64DivU:
    case WASM_OP_I64RemS: case WASM_OP_I64RemU:
    case WASM_OP_I32TruncF32S: case WASM_OP_I32TruncF32U:
    case WASM_OP_I32TruncF64S: case WASM_OP_I32TruncF64U:
    case WASM_OP_I64TruncF32S: case WASM_OP_I64TruncF32U:
    case WASM_OP_I64TruncF64S: case WASM_OP_I64TruncF64U:
    case WASM_OP_MemoryInit: case WASM_OP_MemoryCopy: case WASM_OP_MemoryFill:
    case WASM_OP_TableGet: case WASM_OP_TableSet: case WASM_OP_TableFill:
    case WASM_OP_TableCopy: case WASM_OP_TableInit:
    case WASM_OP_RefAsNonNull:
    /* with the state at the top of memory 0 these become calls of
     * whamm's functions (top_code.c), which may exhaust the stack */
    case WASM_OP_MemoryGrow: case WASM_OP_MemorySize:
        return true;
    default:
        return false;
    }
}

/* The segment ends after instruction i: the next site starts another. */
static void seg_next(Func *F, uint32_t i)
{
    if (!F->seg.open)
        return;
    if ((F->ops[F->ed.code[i].op] & OPS_ENDS_SEG &&
         flow_ends_seg_at(&F->w, i)) ||
        (i == 0 && F->E->func_entry.n)) {
        F->seg.open = false; /* entry probes run after site 0 */
        if (F->derive) { /* an `if` here may be S1 (derived counts) */
            F->closed = F->seg;
            F->closed_at = i;
        }
    }
}

/* `counter += step` before instruction at. */
static void seg_bump(Func *F, uint32_t at, uint32_t addr, bool in_global,
                     uint32_t global, int64_t step)
{
    if (in_global) { /* no memory for top_code to rewrite */
        insert_step(F, at, 0x23, 0x24, global, true, step);
        return;
    }
    Code c = {0};
    uint32_t mem = F->E->state_mem;
    vec_push(c, wasm_instr_i32(0));
    vec_push(c, wasm_instr_i32(0));
    vec_push(c, wasm_instr_memarg(WASM_OP_I64Load, 3, addr, mem));
    vec_push(c, wasm_instr_i64(step));
    vec_push(c, wasm_instr(WASM_OP_I64Add));
    vec_push(c, wasm_instr_memarg(WASM_OP_I64Store, 3, addr, mem));
    insert(F, at, false, &c);
    vec_free(c);
}

/* ---- derived counts ------------------------------------------------------------ */

/* Where paths join, a segment's count often follows from counts whamm
 * keeps anyway, so its counter is not bumped: the runtime works it out
 * before the report (whamm_rt_derive), from a table of entries in the
 * order the counters were laid out (each may name one before it):
 *  - after an `if` without else and with no branch to its label, the
 *    code runs as often as the `if` (the segment it ends, S1) minus its
 *    then arm (the segment the arm starts with, T) plus the times the
 *    arm reaches the `end` (the segment holding it, F; none when the arm
 *    never falls through: it ends in a br, return, unreachable, ...);
 *  - after the `end` of a block that only counted br_table edges go to
 *    ("counted br_table edges" below), the code runs as often as those
 *    edges are taken plus F, the segment holding the `end`.
 * No stop lies between S1's bump and the `if`, between T's and the arm's
 * start, between an edge's count and its branch, or between F's bump and
 * the `end` but a trap in the segment, so whenever the report is printed
 * these are the counts (docs/report.md, "Counts after a trap"). */

/* An entry of the runtime's table for the counter at dst: its kind and
 * how far (in units of 8 bytes) it lies after the previous entry's, then
 * the counters it reads.  Edge counts (n of them from a on) lie near the
 * ones the entry before read (a br_table's cases come in order): how far
 * from the end of those, zig zag, times WHAMM_RT_DERIVE_RUN_MAX, plus
 * n - 1; any other count, how far before dst. */
static void derive_entry(Emit *E, uint32_t dst, uint32_t kind, uint32_t a,
                         uint32_t n, uint32_t b)
{
    wenc_u32(&E->derive_table, (dst - E->derive_prev) / 8 * 4 + kind);
    if (kind == WHAMM_RT_DERIVE_EDGE_SUM ||
        kind == WHAMM_RT_DERIVE_EDGE_ADD) {
        int32_t d = (int32_t)(a - E->derive_edge) / 8;
        uint32_t zz = (uint32_t)d << 1 ^ (uint32_t)(d >> 31);
        wenc_u32(&E->derive_table, zz * WHAMM_RT_DERIVE_RUN_MAX + n - 1);
        E->derive_edge = a + 8 * n;
    } else {
        wenc_u32(&E->derive_table, (dst - a) / 8);
    }
    if (kind == WHAMM_RT_DERIVE_DIFF || kind == WHAMM_RT_DERIVE_EDGE_SUM)
        wenc_u32(&E->derive_table, (dst - b) / 8);
    E->derive_prev = dst;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The counters of the edges to the block opened at opener, in address
 * order (*n of them). */
static uint32_t *sorted_edges(Func *F, uint32_t opener, uint32_t *n)
{
    *n = 0;
    for (uint32_t e = F->edge_head[opener]; e; e = F->edges.v[e - 1].next)
        (*n)++;
    uint32_t *v = arena_alloc(F->fa, sizeof *v * *n), k = 0;
    for (uint32_t e = F->edge_head[opener]; e; e = F->edges.v[e - 1].next)
        v[k++] = F->edges.v[e - 1].addr;
    qsort(v, *n, sizeof *v, cmp_u32);
    return v;
}

/* The entries adding the edges to block opener into dst, runs of
 * adjacent counters in one; the first also adds fall (UINT32_MAX:
 * none). */
static void derive_edges(Func *F, uint32_t dst, uint32_t opener,
                         uint32_t fall)
{
    uint32_t n;
    const uint32_t *v = sorted_edges(F, opener, &n);
    for (uint32_t k = 0; k < n;) {
        uint32_t run = 1;
        while (k + run < n && run < WHAMM_RT_DERIVE_RUN_MAX &&
               v[k + run] == v[k] + 8 * run)
            run++;
        bool sum = k == 0 && fall != UINT32_MAX;
        derive_entry(F->E, dst,
                     sum ? WHAMM_RT_DERIVE_EDGE_SUM : WHAMM_RT_DERIVE_EDGE_ADD,
                     v[k], run, fall);
        k += run;
    }
}

/* The entries of the count at dst: the edges of block opener plus fall
 * (UINT32_MAX: none), or s1 - t (has_diff) plus fall. */
static void derive_entries(Func *F, uint32_t dst, const Derivable *d)
{
    if (d->opener != UINT32_MAX) {
        derive_edges(F, dst, d->opener, d->fall);
        return;
    }
    derive_entry(F->E, dst, WHAMM_RT_DERIVE_DIFF, d->s1, 0, d->t);
    if (d->fall != UINT32_MAX)
        derive_entry(F->E, dst, WHAMM_RT_DERIVE_ADD, d->fall, 0, 0);
}

/* Whether the new counter (step, addr) of segment g is derived. */
static bool derive_counter(Func *F, const SiteSeg *g, int64_t step,
                           uint32_t addr)
{
    const Derivable *d = &F->derivable;
    if (d->at != g->at || d->step != step || g->nsteps != 1)
        return false;
    derive_entries(F, addr, d);
    return true;
}

/* A new counter of the segment g: T of the innermost if when g starts
 * its then arm. */
static void note_then_counter(Func *F, const SiteSeg *g, int64_t step,
                              uint32_t addr)
{
    if (!F->ifs.n)
        return;
    IfCounts *c = &F->ifs.v[F->ifs.n - 1];
    if (c->ok && !c->has_t && g->at == c->opener + 1 && step == c->step) {
        c->has_t = true;
        c->t = addr;
    }
}

/* The counter of step of the segment holding the `end` at i, F above
 * (*fall UINT32_MAX: the end is never reached by falling through);
 * false when it is not known. */
static bool fall_counter(const Func *F, uint32_t i, int64_t step,
                         uint32_t *fall)
{
    *fall = UINT32_MAX;
    if (dead_after(F, i) || (F->closed_at == i && F->closed.dead))
        return true;
    if (F->closed_at != i || F->closed.nsteps != 1 ||
        F->closed.step[0] != step)
        return false;
    *fall = F->closed.addr[0];
    return true;
}

/* After walking the if, else or end at i (the labels still those before
 * it). */
static void note_if_counts(Func *F, uint32_t i)
{
    uint16_t op = F->ed.code[i].op;
    IfCounts *top = F->ifs.n ? &F->ifs.v[F->ifs.n - 1] : NULL;
    bool closes_top = top && F->w.labels.n &&
                      F->w.labels.v[F->w.labels.n - 1] == top->opener;
    uint32_t fall;
    if (op == WASM_OP_If) {
        const SiteSeg *s1 = &F->closed;
        IfCounts c = {.opener = i, .step = s1->step[0], .s1 = s1->addr[0]};
        c.ok = F->closed_at == i && !s1->dead && s1->nsteps == 1;
        vec_push(F->ifs, c);
    } else if (op == WASM_OP_Else && closes_top) {
        top->ok = false;
    } else if (op == WASM_OP_End && closes_top) {
        F->ifs.n--;
        if (top->ok && top->has_t && !F->w.branched_to[top->opener] &&
            !wrw_replaced(&F->ed, top->opener) &&
            fall_counter(F, i, top->step, &fall))
            F->derivable = (Derivable){.at = i + 1, .step = top->step,
                                       .has_diff = true, .s1 = top->s1,
                                       .t = top->t, .fall = fall,
                                       .opener = UINT32_MAX};
    }
}

/* ---- counted br_table edges ------------------------------------------------------ */

/* A br_table's edges cannot each get a bump, so the `end` of a block it
 * goes to starts a segment that needs a counter of its own (Go's code
 * dispatches on one at the start of every function, to a block per
 * case).  Instead the br_table counts its edges: before it the counter
 * of the entry taken, in an array of one u64 per entry (the default
 * last), gets one more, and the count after the end of a block no other
 * branch goes to is derived (above). */

/* Whether the code after the end of some block the br_table at i goes
 * to may start a segment whose count could be derived. */
static bool edges_pay(Func *F, const WasmInstr *in)
{
    compute_matches(F);
    for (uint32_t k = 0; k < in->n; k++) {
        uint32_t o = label_block(F, in->ext.labels[k]);
        if (o == UINT32_MAX)
            continue;
        uint32_t next = F->match[o] + 1;
        if (F->ed.code[o].op == WASM_OP_Block && next < F->ed.ncode &&
            (F->ops[F->ed.code[next].op] &
             (OPS_SITE | OPS_GUARDED | OPS_FOREIGN)) == OPS_SITE)
            return true;
    }
    return false;
}

/* A memarg of align 8 and offset off on memory mem, into b; its size. */
static uint32_t encode_memarg(uint8_t *b, uint32_t mem, uint32_t off)
{
    uint32_t k = 0;
    b[k++] = mem ? 0x43 : 0x03;
    if (mem)
        k += wenc_u64_to(b + k, mem);
    return k + wenc_u64_to(b + k, off);
}

/* Before the br_table at i, whose index stays on the stack: the counter
 * of the entry it takes (counters + 8 * min(index, last)) gets one more.
 * Inline, as a call there would slow a hot switch down several times;
 * with the state at the top of memory 0 the address adds `base`. */
static void insert_edge_count(Func *F, uint32_t i, uint32_t counters,
                              uint32_t last)
{
    Emit *E = F->E;
    uint32_t t = locals_get(&F->L, E->m, (WasmValType){WASM_I32, 0}, false);
    uint32_t mem = E->top ? 0 : E->state_mem;
    uint8_t b[96];
    uint32_t k = 0;
    b[k++] = 0x22; /* local.tee t; local.get t; i32.const last */
    k += wenc_u64_to(b + k, t);
    for (int twice = 0; twice < 2; twice++) {
        b[k++] = 0x20;
        k += wenc_u64_to(b + k, t);
        b[k++] = 0x41;
        k += wenc_s64_to(b + k, (int32_t)last);
    }
    b[k++] = 0x49; /* i32.lt_u; select; i32.const 3; i32.shl */
    b[k++] = 0x1B;
    b[k++] = 0x41;
    b[k++] = 3;
    b[k++] = 0x74;
    if (E->top) { /* global.get base; i32.add */
        b[k++] = 0x23;
        k += wenc_u64_to(b + k, E->top_base);
        b[k++] = 0x6A;
    }
    b[k++] = 0x22; /* local.tee t; local.get t; i64.load */
    k += wenc_u64_to(b + k, t);
    b[k++] = 0x20;
    k += wenc_u64_to(b + k, t);
    b[k++] = 0x29;
    k += encode_memarg(b + k, mem, counters);
    b[k++] = 0x42; /* i64.const 1; i64.add; i64.store */
    b[k++] = 1;
    b[k++] = 0x7C;
    b[k++] = 0x37;
    k += encode_memarg(b + k, mem, counters);
    wrw_insert_bytes_before(&F->ed, i, b, k, E->top ? 18 : 16,
                            WASM_REFS_MEMORY |
                                (E->top ? WASM_REFS_GLOBAL : 0));
    F->changed = true;
}

/* The edges of the br_table at i, one per entry, listed per block. */
static void list_edges(Func *F, const WasmInstr *in, uint32_t counters)
{
    if (!F->edge_head)
        F->edge_head = arena_alloc(F->fa, sizeof *F->edge_head *
                                              (F->ed.ncode + 1));
    for (uint32_t k = 0; k < in->n; k++) {
        uint32_t o = label_block(F, in->ext.labels[k]);
        if (o == UINT32_MAX)
            continue;
        EdgeCount e = {o, counters + 8 * k, F->edge_head[o]};
        vec_push(F->edges, e);
        F->edge_head[o] = F->edges.n;
    }
}

/* Counts the edges of the br_table at i when that may pay; whether it
 * does.  Nothing runs between the count and the branch (code of whamm
 * at i came before it). */
static bool count_br_table(Func *F, uint32_t i)
{
    const WasmInstr *in = &F->ed.code[i];
    if (!F->count_edges || in->op != WASM_OP_BrTable || F->ed.removed[i] ||
        wrw_replaced(&F->ed, i) || !edges_pay(F, in))
        return false;
    uint32_t counters = emit_alloc(F->E, 8 * in->n, 8);
    insert_edge_count(F, i, counters, in->n - 1);
    list_edges(F, in, counters);
    return true;
}

/* After walking the end at i (the labels still those before it): the
 * count after the end of a block only counted edges go to. */
static void note_block_counts(Func *F, uint32_t i)
{
    uint32_t fall;
    if (F->ed.code[i].op != WASM_OP_End || !F->w.labels.n || !F->edge_head)
        return;
    uint32_t o = F->w.labels.v[F->w.labels.n - 1];
    if (F->ed.code[o].op == WASM_OP_Block && F->edge_head[o] &&
        F->w.branched_to[o] == BR_ANY && fall_counter(F, i, 1, &fall))
        F->derivable = (Derivable){.at = i + 1, .step = 1, .fall = fall,
                                   .opener = o};
}

/* The address of the open segment's counter for step, made (and bumped
 * at the segment's first site) when new.  With the state at the top of
 * memory 0 it lives in a Wasm global while there is room, as per-site
 * slots do (through `base` a hot counter costs much more); the report
 * copies it to the address. */
static uint32_t seg_counter(Func *F, uint32_t i, int64_t step)
{
    Emit *E = F->E;
    SiteSeg *g = &F->seg;
    if (!g->open)
        *g = (SiteSeg){.open = true, .dead = dead_after(F, i), .at = i};
    if (g->dead) { /* one zero for all of them, never written */
        if (!E->dead_counter)
            E->dead_counter = 1 + emit_alloc(E, 8, 8);
        return E->dead_counter - 1;
    }
    for (uint32_t k = 0; k < g->nsteps; k++)
        if (g->step[k] == step)
            return g->addr[k];
    uint32_t addr = emit_alloc(E, 8, 8);
    g->step[g->nsteps] = step;
    g->addr[g->nsteps++] = addr;
    note_then_counter(F, g, step, addr);
    if (derive_counter(F, g, step, addr))
        return addr;
    EmitPart p = {{WASM_I64, 0}, 8, false, 0, TY_U64};
    bool in_global = E->top && E->slot_globals < EMIT_MAX_SLOT_GLOBALS;
    uint32_t global = in_global ? emit_slot_global(E, &p, addr, true) : 0;
    RegionSlot home = {.vt = {WASM_I64, 0}, .in_global = in_global,
                       .global = global, .addr = addr,
                       .load = WASM_OP_I64Load, .store = WASM_OP_I64Store,
                       .align = 3};
    uint32_t local = region_local(F, g->at, home);
    if (local != UINT32_MAX) /* in a loop that calls nothing */
        insert_local_add(F, g->at, local, true, step);
    else
        seg_bump(F, g->at, addr, in_global, global, step);
    return addr;
}

/* Whether the open segment has room for the steps of the site counters
 * that match (hit). */
static bool has_step(const int64_t *step, uint32_t n, int64_t d)
{
    for (uint32_t j = 0; j < n; j++)
        if (step[j] == d)
            return true;
    return false;
}

static bool seg_room(const Func *F, const ExpList *l, const bool *hit)
{
    uint32_t have = F->seg.open ? F->seg.nsteps : 0;
    int64_t added[SEG_MAX_STEPS]; /* steps the segment lacks */
    uint32_t nadded = 0;
    for (uint32_t k = 0; k < l->n; k++) {
        int64_t d = l->v[k]->site_delta;
        if (!hit[k] || !l->v[k]->slots[0]->is_report ||
            has_step(F->seg.step, have, d) || has_step(added, nadded, d))
            continue;
        if (have + nadded == SEG_MAX_STEPS)
            return false;
        added[nadded++] = d;
    }
    return true;
}

/* The site counters at a site where nothing else of whamm runs: their
 * rows name the segment's counters.  False (nothing done) when one of
 * them needs code of its own here (a predicate known only at run time):
 * they are all generated as usual then, and the segment ends.  Without
 * predicates (bare) every one matches: their bodies name no bound
 * variable, so the site's operand types are not needed. */
#define SEG_MAX_PROBES 64
static bool derive_site(Func *F, const Site *s, bool bare)
{
    Emit *E = F->E;
    const ExpList *l = &E->by_op[s->in->op];
    bool hit[SEG_MAX_PROBES];
    if (l->n > SEG_MAX_PROBES)
        return false;
    for (uint32_t k = 0; k < l->n; k++) {
        Exp *x = l->v[k];
        Expr *residual;
        hit[k] = x->counter < 0 && bare;
        if (x->counter >= 0 || bare || !fits_site(F, s, x))
            continue;
        FoldPred fp = fold_at(F, s, x, &residual);
        arena_reset(F->sa);
        if (fp == FOLD_RESIDUAL)
            return false;
        hit[k] = fp == FOLD_TRUE;
    }
    if (!seg_room(F, l, hit))
        return false;
    for (uint32_t k = 0; k < l->n; k++) {
        Exp *x = l->v[k];
        if (!hit[k])
            continue;
        E->res->probes[x->probe_index].sites++;
        if (x->slots[0]->is_report) /* else no one ever reads it */
            emit_add_site_row(E, x, x->slots[0], s,
                              seg_counter(F, s->opidx, x->site_delta));
    }
    return true;
}

/* The fields of the function in F->bare (after F->fname). */
static void bare_site_init(Func *F)
{
    F->bare = (Site){.E = F->E, .func = F->func, .fid = F->func,
                     .fname = F->fname, .fname_len = F->fname_len,
                     .resolved_fid = -1};
}

/* A site whose probes are all site counters without predicates: only
 * what its rows show is needed of it (no init_site; F->bare, not a new
 * Site, whose zeroing showed at every instruction). */
static bool derive_bare_site(Func *F, uint32_t i)
{
    const WasmInstr *in = &F->ed.code[i];
    Site *s = &F->bare;
    s->pc = s->meta_pc = in->off;
    s->opidx = i;
    s->in = in;
    return derive_site(F, s, true);
}

/* ---- function level ------------------------------------------------------------------ */

static void func_entry(Func *F)
{
    Site s;
    init_site(F, &s, 0, false);
    s.pc = 0; /* forced for entry probes; rows show the first pc */
    s.in = NULL;
    s.params_known = false;
    for (uint32_t k = 0; k < F->E->func_entry.n; k++)
        emit_probe(F, &s, F->E->func_entry.v[k], AT_DEFER_BEFORE, 0, NULL);
}

/* Whether function f flushes the report when it returns: the flush
 * function, and _start when a flush during instantiation waits for it. */
static bool flushes_at_end(const Emit *E, uint32_t f)
{
    return E->need_flush && ((int64_t)f == E->flush_fn ||
                             (E->in_start >= 0 && (int64_t)f == E->start_export));
}

/* The exit code of this function: user exit probes, then the flush. */
static void exit_code(Func *F, Code *out)
{
    Emit *E = F->E;
    Site s;
    init_site(F, &s, 0, false);
    s.in = NULL;
    for (uint32_t k = 0; k < E->func_exit.n; k++)
        emit_probe(F, &s, E->func_exit.v[k], AT_CODE, 0, out);
    if (flushes_at_end(E, F->func))
        vec_push(*out, wasm_instr_idx(WASM_OP_Call, E->on_exit));
}

static bool exits_function(uint16_t op, bool with_traps)
{
    switch (op) {
    case WASM_OP_Return: case WASM_OP_ReturnCall:
    case WASM_OP_ReturnCallIndirect: case WASM_OP_ReturnCallRef:
        return true;
    case WASM_OP_Unreachable: case WASM_OP_Throw: case WASM_OP_Rethrow:
    case WASM_OP_ThrowRef:
        return with_traps;
    default:
        return false;
    }
}

static Code copy_code(const Code *c)
{
    Code o = {0};
    for (uint32_t i = 0; i < c->n; i++)
        vec_push(o, c->v[i]);
    return o;
}

/* Function exit: a block around the body, the exit
 * code after it and before every return and trap/throw. */
static void func_exit(Func *F)
{
    Code code = {0};
    exit_code(F, &code);
    if (code.n == 0)
        return;
    bool flush_only = F->E->func_exit.n == 0;
    const WasmType *ft = wasm_func_type(F->E->m, F->func);
    Code open = {0};
    vec_push(open, gen_block_instr(F->E->m, WASM_OP_Block, ft->results,
                                   ft->nresults));
    defer(F, 0, false, open);
    for (uint32_t i = 0; i + 1 < F->ed.ncode; i++)
        if (exits_function(F->ed.code[i].op, !flush_only))
            defer(F, i, false, copy_code(&code));
    Code close = {0};
    vec_push(close, wasm_instr(WASM_OP_End));
    for (uint32_t i = 0; i < code.n; i++)
        vec_push(close, code.v[i]);
    defer(F, F->ed.ncode - 1, false, close);
    vec_free(code);
}

static void apply_deferred(Func *F)
{
    for (uint32_t i = 0; i < F->deferred.n; i++) {
        Deferred *d = &F->deferred.v[i];
        insert(F, d->at, d->after, &d->code);
        vec_free(d->code);
    }
    vec_free(F->deferred);
}

/* The report (once, guarded in on_exit) just before instruction i;
 * late: after the stores of a loop that calls nothing (region_close). */
static void flush_before(Func *F, uint32_t i, bool late)
{
    WasmInstr call = wasm_instr_idx(WASM_OP_Call, F->E->on_exit);
    Code c = {&call, 1, 1};
    if (late)
        defer(F, i, false, copy_code(&c));
    else
        insert(F, i, false, &c);
}

static bool prog_exit_site(Func *F, const Site *s)
{
    Emit *E = F->E;
    if (E->need_flush)
        flush_before(F, s->opidx, false);
    Site fs = *s;
    fs.in = NULL;
    fs.params_known = false;
    for (uint32_t k = 0; k < E->func_exit.n; k++)
        emit_probe(F, &fs, E->func_exit.v[k], AT_BEFORE, s->opidx, NULL);
    return true;
}

/* whamm's copy of the tables follows what instruction i does to them
 * (tables.c), after the probes at i. */
static EmitFuncRefs *func_refs(Func *F)
{
    if (!F->refs.rec && load_locals(F)) {
        F->refs.types = F->locals;
        F->refs.n = F->nlocals;
        F->refs.rec = arena_alloc(F->fa, sizeof *F->refs.rec *
                                             (F->nlocals + 1));
    }
    return &F->refs;
}

static void insert_table_code(Func *F, uint32_t i, EmitTableCode *tc)
{
    insert(F, tc->at, false, &tc->at_code);
    insert(F, i, false, &tc->before);
    insert(F, i, true, &tc->after);
    vec_free(tc->at_code);
    vec_free(tc->before);
    vec_free(tc->after);
}

static void track_tables(Func *F, uint32_t i)
{
    EmitTableCode tc = {0};
    emit_table_site(F->E, func_refs(F), &F->L, &F->ed, i, &tc);
    insert_table_code(F, i, &tc);
}

/* The check apart, so that it is inlined where millions of instructions
 * pass. */
static void follow_tables(Func *F, uint32_t i)
{
    if (F->E->shadows)
        track_tables(F, i);
}

/* resolved_fid at table.set / call_ref / return_call_ref: folded, or
 * saved in a local before the probes' code (tables.c). */
static void resolve_site(Func *F, Site *s)
{
    if (!F->E->shadows)
        return;
    EmitTableCode tc = {0};
    emit_resolved_site(F->E, func_refs(F), &F->L, &F->ed, s, &tc);
    insert_table_code(F, s->opidx, &tc);
}

static bool is_alt(const Exp *x)
{
    return x->mode == MD_ALT || x->mode == MD_BLOCK_ALT;
}

/* Instruction i where no code of whamm goes but the pure counters'
 * (inline: most instructions come here, a call showed). */
static inline void pass_instr(Func *F, uint32_t i)
{
    follow_tables(F, i);
    locals_release(&F->L);
    seg_next(F, i);
}

static void walk_instr(Func *F, uint32_t i, bool *seg_start)
{
    Emit *E = F->E;
    const WasmInstr *in = &F->ed.code[i];
    uint16_t ops = F->ops[in->op];
    if (*seg_start && F->counts)
        counter_segment(F, i);
    hot_flush_at(F, i); /* before the report an exit here flushes */
    *seg_start = (ops & OPS_ENDS_SEG) && flow_ends_seg_at(&F->w, i);
    if (!(ops & OPS_VISIT)) {
        pass_instr(F, i);
        return;
    }
    const ExpList *l = &E->by_op[in->op];
    bool maybe = ops & OPS_OTHERS;
    bool prog_exit = maybe && is_prog_exit(E, in);
    bool own_trap = maybe && is_own_trap(E, in);
    bool blocks = maybe && (E->block_start.n || E->block_end.n);
    bool others = prog_exit || own_trap || blocks;
    if (!E->has_plain[in->op] && !others) {
        pass_instr(F, i);
        return;
    }
    if ((ops & (OPS_FOREIGN | OPS_SITE | OPS_GUARDED)) == OPS_SITE &&
        !others && derive_bare_site(F, i)) {
        seg_next(F, i);
        return;
    }
    Site s;
    /* operand types only where a probe may read or test them: not where
     * whamm's own code alone runs (the flush before a trap or an exit,
     * block events), which would type every such body */
    init_site(F, &s, i, E->has_plain[in->op] && (ops & OPS_TYPED));
    resolve_site(F, &s);
    bool derived = (ops & OPS_SITE) && !(ops & OPS_FOREIGN) && !others &&
                   derive_site(F, &s, false);
    if (!derived) /* whamm's code here may stop the program */
        F->seg.open = false;
    if (prog_exit)
        prog_exit_site(F, &s);
    /* the before code of every script, then the alt (whose operand
     * saving must come last), then after code (behind the instruction) */
    bool alt_seen = false;
    for (int pass = 0; pass < 2 && !derived; pass++)
        for (uint32_t k = 0; k < l->n && !E->failed; k++)
            if (l->v[k]->counter < 0 && is_alt(l->v[k]) == (pass == 1))
                opcode_probe(F, &s, l->v[k], &alt_seen);
    /* the report before a trap, after what the trap's before probes did;
     * none when an alt takes the trap away */
    if (own_trap && !alt_seen && !E->failed)
        flush_before(F, i, in_region(F, i));
    if (blocks)
        block_events(F, &s, prog_exit);
    follow_tables(F, i);
    locals_release(&F->L);
    if (derived)
        seg_next(F, i);
}

/* Removes what block alts deleted, with the code inserted there. */
static void apply_dead(Func *F)
{
    WasmBodyEditor *ed = &F->ed;
    for (uint32_t i = 0; i < F->dead.n; i++) {
        DeadSpan d = F->dead.v[i];
        wrw_drop_edits(ed, d.lo, false, true, false);
        for (uint32_t k = d.lo + 1; k < d.hi; k++) {
            wrw_drop_edits(ed, k, true, true, true);
            ed->removed[k] = true;
        }
        wrw_drop_edits(ed, d.hi, true, false, false);
    }
}

/* After an alt that makes dead code reachable (br, return, ...) or
 * replaces a block, the rewritten function is type-checked again: a
 * located error beats an invalid module. */
static void check_rewritten(Func *F, Arena *fa)
{
    WasmBodyEditor ed;
    WasmError err;
    WasmStackSig *sig;
    if (wrw_open(&ed, F->E->m, F->func, fa, &err) &&
        wasm_check_stack_types(F->E->m, F->func, ed.code, ed.ncode, fa,
                               &sig, &err))
        return;
    const char *fn = wasm_func_name(F->E->m, F->func);
    emit_error(F->E, F->check_span, "with this alt probe in place of `%s` "
               "(function %s, pc %u) the function no longer type-checks "
               "(%s): the code after the alt body cannot run with the "
               "values it leaves", wasm_ops[F->check_op].name,
               fn ? fn : "?", F->check_pc, err.msg);
}

/* With --memory=top: a body whose added code names no memory needs no
 * rewrite at the end (top.c), even when the state memory came late. */
static void note_top_clean(Emit *E, uint32_t f, const WasmBodyEditor *ed)
{
    if (!E->top || (ed->edit_refs & WASM_REFS_MEMORY))
        return;
    if (!E->top_clean)
        E->top_clean = xcalloc(E->m->norig[WASM_EXT_FUNC],
                               sizeof *E->top_clean);
    E->top_clean[f] = E->m->funcs.v[f].new_body;
}

/* Whether body f may have an opcode of the summary mask (a body that a
 * step before the walk replaced has no summary). */
static bool may_have(const Emit *E, uint32_t f, uint64_t mask)
{
    const WasmFunc *fn = &E->m->funcs.v[f];
    return fn->new_body || (fn->opmask & mask);
}

/* Instruction i of the walk, with what changes at control flow around
 * it: labels, flush points and loops. */
static void walk_step(Func *F, uint32_t i, bool *seg_start)
{
    if (i < F->skip_to) { /* deleted by a block alt */
        *seg_start = true;
        F->seg.open = false;
        hot_after(F, i, true);
        flow_labels_after(&F->w, i);
        return;
    }
    bool ctl = F->ops[F->ed.code[i].op] & OPS_CTL;
    if (ctl)
        region_enter(F, i);
    F->hot.flush_here = ctl && F->hot.on && flow_flush_point(&F->w, i);
    walk_instr(F, i, seg_start);
    if (ctl) {
        flow_note_branch_targets(&F->w, i, count_br_table(F, i));
        if (F->derive) {
            note_if_counts(F, i);
            note_block_counts(F, i);
        }
        hot_after(F, i, false);
        region_note_exit(F, i);
        flow_labels_after(&F->w, i);
        region_close(F, i);
    }
}

/* Function events, which match at instruction 0. */
static void func_events(Func *F)
{
    if (F->E->func_entry.n)
        func_entry(F);
    func_exit(F);
    locals_release(&F->L);
}

/* Every instruction.  Most need nothing of walk_step (no control flow,
 * no code of whamm but the pure counters', whose add was made at the
 * start of their segment): they only pass (read once, the body and the
 * table stay put during the walk). */
static void walk_body(Func *F)
{
    const WasmInstr *code = F->ed.code;
    const uint16_t *ops = F->ops;
    uint32_t n = F->ed.ncode;
    bool seg_start = true;
    if (n == 0)
        return;
    walk_step(F, 0, &seg_start);
    if (!F->E->failed)
        func_events(F);
    for (uint32_t i = 1; i < n && !F->E->failed; i++) {
        if (!seg_start && i >= F->skip_to &&
            !(ops[code[i].op] & (OPS_CTL | OPS_VISIT | OPS_ENDS_SEG)))
            pass_instr(F, i);
        else
            walk_step(F, i, &seg_start);
    }
}

/* Whether body f gets nothing but the report's flushes (before its
 * `unreachable`s and exits, and at its end when it flushes there): no
 * probed opcode, no pure counter, no function or block events, no copy
 * of the tables.  Then nothing the walk keeps at control flow (labels,
 * branches, segments, loops, locals) is read. */
/* Whether no code of whamm goes into bodies but at opcodes: no function
 * or block events, no copy of the tables. */
static bool opcodes_only(const Emit *E)
{
    return !E->func_entry.n && !E->func_exit.n && !E->block_start.n &&
           !E->block_end.n && !E->shadows;
}

static bool flushes_only(const Emit *E, uint32_t f, const OpTable *t)
{
    bool counts = E->ncounters && may_have(E, f, t->counted);
    return !counts && !may_have(E, f, t->probed) && opcodes_only(E);
}

/* The walk of such a body: only the instructions where whamm's code may
 * go (OPS_VISIT: `unreachable`, exit calls). */
static void walk_flushes(Func *F)
{
    const WasmInstr *code = F->ed.code;
    bool seg_start = false;
    for (uint32_t i = 0; i < F->ed.ncode && !F->E->failed; i++) {
        if (F->ops[code[i].op] & OPS_VISIT)
            walk_instr(F, i, &seg_start);
        if (i == 0 && !F->E->failed)
            func_events(F);
    }
}

/* Whether the instruction at body[at] (a recorded site: a call,
 * return_call, ref.func or unreachable) gets the flush before it, as
 * walk_instr decides in a body that gets only flushes: an `unreachable`
 * of the program's, a call of proc_exit. */
static bool flushes_before_site(const Emit *E, const uint8_t *body,
                                uint32_t at, uint32_t len)
{
    uint8_t op = body[at];
    if (op == 0x00)
        return true;
    if (E->proc_exit < 0 || (op != 0x10 && op != 0x12))
        return false;
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, body + at + 1, len - at - 1, &err);
    uint32_t idx;
    return wdec_u32(&r, &idx, "function index") &&
           idx == (uint32_t)E->proc_exit;
}

/* A body that gets only flushes and not the one at its end, done
 * without decoding it: `call on_exit` spliced in front of its sites that
 * need it (wasm_body_sites), the body made as it is written.  False when
 * its sites are not known: then it is walked.  (Not for wei, which reads
 * the bodies again; the code spliced names no memory, so --memory=top
 * need not see it either.) */
static bool splice_flushes(Emit *E, uint32_t f, Arena *fa)
{
    uint32_t nsites;
    const uint32_t *sites = wasm_body_sites(E->m, f, &nsites);
    if (!sites || !E->need_flush || E->wei || flushes_at_end(E, f))
        return false;
    const WasmFunc *fn = &E->m->funcs.v[f];
    const uint8_t *body = E->m->bytes + fn->body.off;
    uint32_t *at = arena_alloc_raw(fa, sizeof *at * (nsites ? nsites : 1));
    uint32_t nat = 0;
    for (uint32_t k = 0; k < nsites; k++)
        if (flushes_before_site(E, body, sites[k], fn->body.len))
            at[nat++] = sites[k];
    if (nat == 0)
        return true;
    Buf call;
    buf_init(&call);
    WasmInstr in = wasm_instr_idx(WASM_OP_Call, E->on_exit);
    wenc_instr(&call, &in);
    bool ok = wrw_splice_before(E->m, f, at, nat, call.data,
                                (uint32_t)call.len, 1, WASM_REFS_FUNC);
    buf_fini(&call);
    return ok;
}

/* Whether body f gets nothing but pure counters and the report's
 * flushes, and not the one at its end (emit_count_splice). */
static bool counts_only(const Emit *E, uint32_t f, const OpTable *t)
{
    return emit_count_splicing && E->ncounters &&
           may_have(E, f, t->counted) && !may_have(E, f, t->foreign) &&
           opcodes_only(E) && !E->wei && !flushes_at_end(E, f);
}

static bool walk_func(Emit *E, uint32_t f, Arena *fa, Arena *sa,
                      OpTable *t)
{
    if (flushes_only(E, f, t) && splice_flushes(E, f, fa))
        return true;
    if (counts_only(E, f, t) && emit_count_splice(E, f, t, fa))
        return !E->failed;
    Func F;
    memset(&F, 0, sizeof F);
    F.E = E;
    F.fa = fa;
    F.sa = sa;
    F.func = f;
    F.ops = t->ops;
    F.t = t;
    F.counts = E->ncounters && may_have(E, f, t->counted);
    F.fname = wasm_func_name(E->m, f);
    F.fname_len = F.fname ? (uint32_t)strlen(F.fname) : 0;
    bare_site_init(&F);
    WasmError err;
    if (!wrw_open(&F.ed, E->m, f, fa, &err)) {
        diag_emit(E->sink, DIAG_BAD_MODULE, (Span){0}, "function %u: %s", f,
                  err.msg);
        return false;
    }
    F.L.ed = &F.ed;
    flow_init_decoded(&F.w, F.ed.code, F.ed.ncode, t->ops, fa);
    F.w.ends_at_blocks = t->block_alts;
    /* the runtime derives them before the report, which no wei monitor
     * or custom report prints */
    F.derive = !t->block_alts && E->need_report && !E->opt->no_report &&
               !E->wei && !E->report.n;
    F.count_edges = F.derive && t->site_counters && !E->block_start.n &&
                    !E->block_end.n;
    F.closed_at = F.derivable.at = UINT32_MAX;
    hot_init(&F);
    region_init(&F, may_have(E, f, t->probed));
    if (flushes_only(E, f, t))
        walk_flushes(&F);
    else
        walk_body(&F);
    apply_deferred(&F);
    apply_dead(&F);
    apply_moved(&F);
    if (F.changed && !E->failed) {
        wrw_commit(&F.ed);
        note_top_clean(E, f, &F.ed);
        if (F.check)
            check_rewritten(&F, fa);
    }
    vec_free(F.dead);
    flow_fini(&F.w);
    vec_free(F.ifs);
    vec_free(F.edges);
    vec_free(F.region.slots);
    vec_free(F.region.exits);
    vec_free(F.region.pool);
    vec_free(F.L.pool);
    vec_free(F.top_buf);
    return !E->failed;
}

/* The opcode summary (WasmFunc.opmask) of what can match anywhere: a
 * body without any of it needs no visit.  All ones when every body must
 * be visited (function and basic-block events). */
static uint64_t wanted_ops(const Emit *E)
{
    if (E->func_entry.n || E->func_exit.n || E->block_start.n ||
        E->block_end.n)
        return UINT64_MAX;
    uint64_t mask = 0;
    for (uint32_t op = 0; op < WASM_OP_COUNT; op++)
        if (E->by_op[op].n)
            mask |= wasm_op_bit(op);
    if (E->need_flush && E->proc_exit >= 0)
        mask |= WASM_OPMASK_IMPORT_CALL;
    if (E->need_flush)
        mask |= wasm_op_bit(WASM_OP_Unreachable);
    return mask | emit_table_ops(E);
}

static bool needs_visit(const Emit *E, uint32_t f, uint64_t wanted)
{
    return may_have(E, f, wanted) || flushes_at_end(E, f);
}

/* Whether a site of opcode op may get code of whamm that no probe of
 * it makes: the flush before an exit or a trap, block events
 * (walk_instr looks closer). */
static bool may_be_other(const Emit *E, uint16_t op)
{
    return E->block_start.n || E->block_end.n ||
           (E->need_flush && op == WASM_OP_Unreachable) ||
           (E->proc_exit >= 0 &&
            (op == WASM_OP_Call || op == WASM_OP_ReturnCall));
}

/* The rest of the table (find_site_counters made the probes' bits) and
 * the summaries. */
static void op_table(const Emit *E, OpTable *t)
{
    uint16_t *ops = t->ops;
    for (uint16_t op = 0; op < WASM_OP_COUNT; op++) {
        const ExpList *l = &E->by_op[op];
        for (uint32_t k = 0; k < l->n; k++)
            if (l->v[k]->counter >= 0) {
                ops[op] |= OPS_COUNTED;
                t->counted |= wasm_op_bit(op);
                t->delta[op][l->v[k]->counter] += l->v[k]->counter_delta;
            } else {
                t->foreign |= wasm_op_bit(op);
            }
        if (l->n)
            t->probed |= wasm_op_bit(op);
        if (wasm_ops[op].flags & (OPF_BLOCK | OPF_END | OPF_MID | OPF_BRANCH |
                                  OPF_UNCOND | OPF_CALL))
            ops[op] |= OPS_CTL;
        if (ends_counter_segment(E, op))
            ops[op] |= OPS_ENDS_SEG;
        if (may_be_other(E, op))
            ops[op] |= OPS_OTHERS | OPS_VISIT;
        if (E->has_plain[op])
            ops[op] |= OPS_VISIT;
        if (ops[op] & OPS_SITE)
            t->site_counters = true;
    }
    for (uint32_t i = 0; i < E->exps.n; i++)
        if (E->exps.v[i]->mode == MD_BLOCK_ALT)
            t->block_alts = true;
    /* after the loop: calls_out reads OPS_NOCACHE only */
    for (uint16_t op = 0; op < WASM_OP_COUNT; op++)
        if (calls_out(E, ops, op))
            ops[op] |= OPS_CALLS_OUT;
}

/* The sites the walk counted per opcode, as their probes' site counts. */
static void count_sites(Emit *E, const OpTable *t)
{
    for (uint16_t op = 0; op < WASM_OP_COUNT; op++) {
        const ExpList *l = &E->by_op[op];
        for (uint32_t k = 0; k < l->n && t->counted_sites[op]; k++)
            if (l->v[k]->counter >= 0)
                E->res->probes[l->v[k]->probe_index].sites +=
                    t->counted_sites[op];
    }
}

bool emit_walk(Emit *E)
{
    uint32_t first = E->m->nimported[WASM_EXT_FUNC];
    uint32_t norig = E->m->norig[WASM_EXT_FUNC];
    uint64_t wanted = wanted_ops(E);
    OpTable *t = xcalloc(1, sizeof *t);
    find_site_counters(E, t->ops);
    op_table(E, t);
    Arena fa, sa;
    arena_init(&fa);
    arena_init(&sa);
    bool ok = true;
    E->walking = true;
    for (uint32_t f = first; f < norig && ok; f++) {
        if (!needs_visit(E, f, wanted))
            continue;
        ok = walk_func(E, f, &fa, &sa, t);
        arena_reset(&fa);
    }
    arena_fini(&sa);
    arena_fini(&fa);
    count_sites(E, t);
    free(t);
    if (ok && E->derive_table.len) {
        E->derive_len = (uint32_t)E->derive_table.len;
        E->derive_addr = emit_alloc(E, E->derive_len, 1);
        emit_poke(E, E->derive_addr, E->derive_table.data, E->derive_len);
        buf_fini(&E->derive_table);
    }
    return ok;
}
