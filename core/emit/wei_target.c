/* wei_target.c -- the wei target, emit_wei_monitor(): the scripts compiled
 * without an application into a monitor module (docs/wei.md).
 *
 * The phases are the rewriting target's (rewrite.c) with the site walk
 * replaced: each expanded probe becomes an exported probe function whose
 * export name says, in the wei grammar, which values it receives:
 *     wasm:opcode:br_if / $p0(fid) /($alloc0(fname, fid, pc), arg0)
 * - the predicate's conjuncts that only read static values (fid, pc,
 *   immediates, ...) become a predicate helper `$pN`, which the engine
 *   calls once per site; the other conjuncts guard the body at run time;
 * - per-site variables (`report`/`unshared` in a probe) live in a block
 *   that helper `$allocN` allocates once per site; it runs their
 *   initialisers and registers the site's report rows with the runtime,
 *   and the probe function receives the block's address first;
 * - `fname` in a body reaches the probe through helper `$str`, which keeps
 *   a copy of the name per site and returns the address of its (address,
 *   length) pair;
 * - bound variables the interface names are passed as they are (`arg0`,
 *   `fid`, `imm0`, ...); those that only depend on the event (`opname`,
 *   `data_size`, ...) were folded into each expansion by the plan.
 * wasm:begin and the script's top-level code run in the start function,
 * wasm:end and the report in the export `wasm:exit`.  Strings reach the
 * helpers through the exported memory `whamm_buffer` at the address in
 * the exported global `whamm_buffer:start`. */
#include "target.h"
#include "plan.h"
#include "walk.h"

#include <string.h>

#define WEI_BUFFER_SIZE 1024u

/* A bound variable a monitor function receives. */
typedef struct {
    const char *name;       /* whamm's name */
    const Type *ty;
    const char *wei;        /* the parameter's name in the export name */
    bool str;               /* fname: a (pointer, length) pair */
    Span at;                /* its first use */
} Bound;

typedef VEC(Bound) BoundList;

typedef struct {
    Emit *E;
    Arena *fa;              /* per expansion */
    uint32_t npred;         /* helpers made so far ($pN, $allocN) */
    uint32_t nalloc;
    int64_t str_helper;     /* $str, or -1 */
    int64_t report_global;  /* the report table's address (set once it
                             * is laid out), or -1 */
    uint32_t ncalls;        /* $sN helpers made so far */
    VEC(Bound) hoisted;     /* @sN -> `$sN(...)`: @static calls of bodies */
} Wei;

/* ---- which values a function needs --------------------------------------- */

static bool is_bound(const Expr *e)
{
    return e->kind == EX_ID && (e->sym == SYM_BOUND_STATIC ||
                                e->sym == SYM_BOUND_DYNAMIC ||
                                e->sym == SYM_BOUND_DERIVED);
}

static void add_bound(BoundList *l, const Expr *e)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, e->name) == 0)
            return;
    Bound b = {e->name, e->ty, NULL, e->ty && e->ty->kind == TY_STR, e->span};
    vec_push(*l, b);
}

static void expr_bounds(const Expr *e, BoundList *l)
{
    if (!e)
        return;
    if (is_bound(e))
        add_bound(l, e);
    expr_bounds(e->a, l);
    expr_bounds(e->b, l);
    expr_bounds(e->c, l);
    for (uint32_t i = 0; i < e->nargs; i++)
        expr_bounds(e->args[i], l);
}

static void block_bounds(const Block *b, BoundList *l)
{
    for (uint32_t i = 0; i < b->n; i++) {
        const Stmt *s = b->v[i];
        if ((s->is_report || s->is_unshared) && s->kind == ST_DECL)
            continue; /* initialisers run in $allocN */
        expr_bounds(s->lhs, l);
        expr_bounds(s->rhs, l);
        block_bounds(&s->then_b, l);
        block_bounds(&s->else_b, l);
    }
}

/* ---- the interface's names for whamm's bound variables ------------------- */

/* The interface's `immN` for an immediate whamm names, or NULL: the same
 * N, except that br_table's labels come after their count (whamm's imm0 is
 * the interface's imm1) and a memory access's alignment and memory are
 * its imm0 and imm1. */
static const char *imm_param(Emit *E, const Exp *x, const char *name)
{
    int n = emit_pattern_index(name, "imm");
    bool memarg = x->ev == EV_OPCODE &&
                  (wasm_ops[x->op].imm == IMM_MEMARG ||
                   wasm_ops[x->op].imm == IMM_MEMARG_LANE);
    if (memarg && strcmp(name, "align") == 0)
        n = 0;
    else if (memarg && strcmp(name, "memory") == 0)
        n = 1;
    else if (n >= 0 && x->ev == EV_OPCODE && x->op == WASM_OP_BrTable)
        n++;
    else if (n < 0)
        return NULL;
    char text[24];
    snprintf(text, sizeof text, "imm%d", n);
    return arena_strndup(E->a, text, strlen(text));
}

/* Sets b->wei, or reports why the interface cannot pass it. */
static bool wei_param(Emit *E, const Exp *x, Bound *b, Span at)
{
    if (x->ev == EV_OTHER) { /* another provider's: the engine's names */
        b->wei = b->name;
        return true;
    }
    static const char *const same[] = {"fid", "pc", "num_targets", "offset",
                                       "instr_count", "at_func_end", "fname",
                                       "probe_id"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        if (strcmp(b->name, same[i]) == 0) {
            b->wei = b->name;
            return true;
        }
    if (emit_pattern_index(b->name, "arg") >= 0 ||
        emit_pattern_index(b->name, "local") >= 0) {
        b->wei = b->name;
        return true;
    }
    const char *imm = imm_param(E, x, b->name);
    if (imm) {
        b->wei = imm;
        return true;
    }
    /* where the script names it (not inside a derived variable's
     * definition, which has no place in the script) */
    bool in_script = b->at.file &&
                     strcmp(b->at.file, E->scripts[x->script].path) == 0;
    emit_error(E, in_script ? b->at : at, "`%s` cannot be passed to a wei "
               "monitor: the engine interface has no parameter for it "
               "(whamm instr --app rewrites it)", b->name);
    return false;
}

static bool name_bounds(Emit *E, const Exp *x, BoundList *l, Span at)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (!l->v[i].wei && !wei_param(E, x, &l->v[i], at))
            return false;
    return true;
}

/* The rule of x without its mode, or an error when the interface has no
 * such event (it has `before` only for instructions). */
static bool wei_rule(Emit *E, const Exp *x, Buf *out)
{
    switch (x->ev) {
    case EV_OPCODE:
        if (x->mode == MD_BEFORE) {
            /* the event's name: mnemonics with a space (`ref.test null`)
             * have one without */
            buf_printf(out, "wasm:opcode:%s", x->pm.event->name);
            return true;
        }
        break;
    case EV_FUNC_ENTRY: case EV_FUNC_EXIT:
    case EV_BLOCK_START: case EV_BLOCK_END:
        if (x->mode == MD_NONE || x->mode == MD_BEFORE ||
            x->mode == MD_ENTRY || x->mode == MD_EXIT) {
            buf_printf(out, "wasm:%s:%s",
                       x->ev <= EV_FUNC_EXIT ? "func" : "block",
                       x->ev == EV_FUNC_ENTRY ? "entry"
                       : x->ev == EV_FUNC_EXIT ? "exit"
                       : x->ev == EV_BLOCK_START ? "start" : "end");
            return true;
        }
        break;
    case EV_OTHER:
        if (x->mode == MD_NONE || x->mode == MD_BEFORE) {
            buf_printf(out, "%s:%s", x->pm.provider->name,
                       x->pm.package->name);
            if (x->pm.event)
                buf_printf(out, ":%s", x->pm.event->name);
            return true;
        }
        break;
    default:
        return true; /* wasm:begin / end / report: not per site */
    }
    const char *rule = strchr(x->id_text, '_'); /* after the probe's number */
    emit_error(E, x->probe->span, "`%s` cannot be a wei probe: the engine "
               "interface runs probes before an instruction only (modes "
               "after, alt, entry/exit of blocks and at_target need whamm "
               "instr --app)", rule ? rule + 1 : x->id_text);
    return false;
}

/* ---- what a monitor cannot reach ----------------------------------------- */

/* A built-in that takes a memory id (argument `arg`, and `arg2` if not -1):
 * in a monitor the only memory is whamm's, so ids of the app's memories
 * would silently name the wrong bytes. */
static const struct {
    const char *name;
    int arg, arg2;
} memory_builtins[] = {
    {"read_str", 0, -1}, {"write_str", 0, -1}, {"memcpy", 0, 2},
    {"mem_size", 0, -1}, {"page_size", 0, -1},
    {"active_data_start", 0, -1}, {"active_data_len", 0, -1}};

static bool whamm_memory(const Expr *e)
{
    return e && emit_is_builtin_call(e, "memid");
}

static void check_expr_memories(Emit *E, const Expr *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < sizeof memory_builtins / sizeof *memory_builtins;
         i++) {
        int a = memory_builtins[i].arg, b = memory_builtins[i].arg2;
        if (!emit_is_builtin_call(e, memory_builtins[i].name) ||
            ((uint32_t)a < e->nargs && whamm_memory(e->args[a]) &&
             (b < 0 || ((uint32_t)b < e->nargs &&
                        whamm_memory(e->args[b])))))
            continue;
        emit_error(E, e->span, "`%s` in a wei monitor: the monitor cannot "
                   "reach the application's memories, only its own "
                   "(`memid(whamm_core)`)", memory_builtins[i].name);
    }
    check_expr_memories(E, e->a);
    check_expr_memories(E, e->b);
    check_expr_memories(E, e->c);
    for (uint32_t i = 0; i < e->nargs; i++)
        check_expr_memories(E, e->args[i]);
}

static void check_block_memories(Emit *E, const Block *b)
{
    for (uint32_t i = 0; i < b->n; i++) {
        check_expr_memories(E, b->v[i]->lhs);
        check_expr_memories(E, b->v[i]->rhs);
        check_block_memories(E, &b->v[i]->then_b);
        check_block_memories(E, &b->v[i]->else_b);
    }
}

static bool check_memories(Emit *E)
{
    for (uint32_t si = 0; si < E->nscripts; si++) {
        const Script *s = E->scripts[si].script;
        for (uint32_t i = 0; i < s->nitems; i++) {
            const Item *it = &s->items[i];
            if (it->kind == ITEM_STMT) {
                Block one = {(Stmt **)&it->stmt, 1};
                check_block_memories(E, &one);
            } else if (it->kind == ITEM_FN) {
                check_block_memories(E, &it->fn->body);
            } else if (it->kind == ITEM_PROBE) {
                check_expr_memories(E, it->probe->pred);
                check_block_memories(E, &it->probe->body);
            }
        }
    }
    return !E->failed;
}

/* ---- building functions -------------------------------------------------- */

typedef struct {
    Gen G;
    Code code;
    Locals L;
    VEC(WasmValType) params;
} Fn;

static void fn_init(Fn *f, Emit *E, uint32_t script, Span span)
{
    memset(f, 0, sizeof *f);
    f->G.E = E;
    f->G.out = &f->code;
    f->G.locals = &f->L;
    f->G.script = script;
    f->G.span = span;
    f->G.bound_vars = true;
}

/* A parameter of Wasm type vt: its index.  Every parameter comes before
 * the first local. */
static uint32_t fn_param(Fn *f, WasmValType vt)
{
    vec_push(f->params, vt);
    f->L.first_own = f->params.n;
    return f->params.n - 1;
}

/* The bound variables as parameters, GenVars of the function. */
static void fn_bound_params(Fn *f, const BoundList *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        GenVar v = {.name = l->v[i].name, .ty = l->v[i].ty};
        WasmValType vt[EMIT_MAX_PARTS];
        uint32_t n = emit_valtypes(l->v[i].ty, vt);
        for (uint32_t k = 0; k < n; k++)
            v.local[k] = fn_param(f, vt[k]);
        vec_push(f->G.vars, v);
    }
}

/* Adds the function (locals after the parameters) and frees f. */
static uint32_t fn_finish(Fn *f, const WasmValType *res, uint32_t nres,
                          const char *name)
{
    Emit *E = f->G.E;
    uint32_t type = wasm_add_func_type(E->m, f->params.v, f->params.n, res,
                                       nres);
    uint32_t idx = wasm_add_func(E->m, type, f->L.own.v, f->L.own.n,
                                 f->code.v, f->code.n);
    wasm_set_func_name(E->m, idx, arena_strndup(E->a, name, strlen(name)));
    vec_free(f->G.vars);
    vec_free(f->code);
    vec_free(f->L.own);
    vec_free(f->L.pool);
    vec_free(f->params);
    return idx;
}

static bool export_func(Emit *E, const char *name, uint32_t func, Span at)
{
    if (wasm_add_export(E->m, arena_strndup(E->a, name, strlen(name)),
                        WASM_EXT_FUNC, func))
        return true;
    emit_error(E, at, "two probes give the wei export `%s`: merge them into "
               "one probe", name);
    return false;
}

/* Appends the wei spelling of a parameter list. */
static void put_params(Buf *b, const BoundList *l, bool first)
{
    for (uint32_t i = 0; i < l->n; i++) {
        buf_printf(b, "%s%s", first ? "" : ", ", l->v[i].wei);
        first = false;
    }
}

/* ---- the predicate helper ------------------------------------------------ */

/* Splits a predicate into its static conjuncts (*stat, joined by &&) and
 * the rest (*dyn). */
static void split_pred(Arena *a, Expr *e, Expr **stat, Expr **dyn)
{
    if (e->kind == EX_BINARY && e->bop == BIN_AND) {
        split_pred(a, e->a, stat, dyn);
        split_pred(a, e->b, stat, dyn);
        return;
    }
    Expr **to = emit_static_expr(e, true) ? stat : dyn;
    if (!*to) {
        *to = e;
        return;
    }
    Expr *and = arena_alloc(a, sizeof *and);
    *and = (Expr){.kind = EX_BINARY, .span = e->span, .ty = e->ty,
                  .bop = BIN_AND, .a = *to, .b = e};
    *to = and;
}

/* $pN(static values) -> i32; appends ` / $pN(...) /` to the name. */
static bool pred_helper(Wei *W, const Exp *x, Expr *stat, Buf *name)
{
    Emit *E = W->E;
    BoundList l = {0};
    expr_bounds(stat, &l);
    bool ok = name_bounds(E, x, &l, stat->span);
    char helper[32];
    snprintf(helper, sizeof helper, "$p%u", W->npred++);
    if (ok) {
        Fn f;
        fn_init(&f, E, x->script, stat->span);
        f.G.at_bind = true;
        fn_bound_params(&f, &l);
        gen_expr(&f.G, stat);
        WasmValType i32 = {WASM_I32, 0};
        uint32_t fn = fn_finish(&f, &i32, 1, helper);
        ok = export_func(E, helper, fn, stat->span);
        buf_printf(name, " / %s(", helper);
        put_params(name, &l, true);
        buf_printf(name, ") /");
    }
    vec_free(l);
    return ok && !E->failed;
}

/* ---- per-site blocks: $allocN -------------------------------------------- */

/* The block's layout: each slot's offset in x->slots order. */
static uint32_t block_layout(const Exp *x, uint32_t *offset)
{
    uint32_t size = 0;
    for (uint32_t i = 0; i < x->nslots; i++) {
        offset[i] = size;
        size += emit_type_size(x->slots[i]->decl_ty);
    }
    return size;
}

/* The slots as variables based on local `base`. */
static void push_slot_vars(Gen *G, const Exp *x, const uint32_t *offset,
                           uint32_t base)
{
    for (uint32_t i = 0; i < x->nslots; i++) {
        GenVar v = {.name = x->slots[i]->name, .ty = x->slots[i]->decl_ty,
                    .slot = true, .addr = offset[i], .based = true,
                    .base_local = base};
        vec_push(G->vars, v);
    }
}

/* A map declared in a probe: one per site, made by $allocN from a model
 * header in the image (its id is the model's). */
static void make_site_maps(Wei *W, const Exp *x, const uint32_t *offset,
                           Fn *f, uint32_t base)
{
    Emit *E = W->E;
    for (uint32_t i = 0; i < x->nslots; i++) {
        const Type *t = x->slots[i]->decl_ty;
        if (t->kind != TY_MAP)
            continue;
        gen_push(&f->G, wasm_instr_idx(WASM_OP_LocalGet, base));
        gen_push(&f->G, wasm_instr_i32((int32_t)emit_map_new(E, t)));
        gen_push(&f->G, wasm_instr_idx(WASM_OP_Call,
                                       emit_rt_func(E, "whamm_rt_site_map")));
        gen_push(&f->G, wasm_instr_memarg(WASM_OP_I32Store, 0, offset[i],
                                          E->state_mem));
    }
}

/* A global holding the report table's address: its initialiser is set
 * once the table is laid out, after the code is generated. */
static uint32_t report_global(Wei *W)
{
    if (W->report_global < 0) {
        WasmInstr zero = wasm_instr_i32(0);
        W->report_global = wasm_add_global(W->E->m, (WasmValType){WASM_I32, 0},
                                           false, &zero, 1);
    }
    return (uint32_t)W->report_global;
}

/* The rows of the site: whamm_rt_site_row(report, run, kind, size, fname
 * pointer, fname length, fid, pc, value address) per report variable. */
static void register_rows(Wei *W, const Exp *x, const uint32_t *offset,
                          Fn *f, uint32_t base)
{
    Emit *E = W->E;
    for (uint32_t i = 0; i < x->nslots; i++) {
        const Stmt *d = x->slots[i];
        if (!d->is_report || E->opt->no_report)
            continue;
        uint32_t run, kind = emit_report_kind(E, x, d, &run);
        gen_push(&f->G, wasm_instr_idx(WASM_OP_GlobalGet, report_global(W)));
        gen_push(&f->G, wasm_instr_i32((int32_t)run));
        gen_push(&f->G, wasm_instr_i32((int32_t)kind));
        gen_push(&f->G, wasm_instr_i32((int32_t)emit_type_size(d->decl_ty)));
        for (uint32_t k = 0; k < 4; k++) /* fname (2), fid, pc */
            gen_push(&f->G, wasm_instr_idx(WASM_OP_LocalGet, k));
        gen_push(&f->G, wasm_instr_idx(WASM_OP_LocalGet, base));
        gen_push(&f->G, wasm_instr_i32((int32_t)offset[i]));
        gen_push(&f->G, wasm_instr(WASM_OP_I32Add));
        gen_push(&f->G, wasm_instr_idx(WASM_OP_Call,
                                       emit_rt_func(E, "whamm_rt_site_row")));
    }
}

/* Runs the initialisers in declaration order (each sees the slots before
 * it; the block starts zeroed). */
static void init_slots(Wei *W, const Exp *x, Fn *f)
{
    Folder fo = {W->fa, NULL, NULL, &W->E->consts[x->script], NULL, NULL};
    for (uint32_t i = 0; i < x->nslots; i++) {
        const Stmt *d = x->slots_in_order[i];
        if (!d->rhs)
            continue;
        Expr *lhs = arena_alloc(W->fa, sizeof *lhs);
        *lhs = (Expr){.kind = EX_ID, .span = d->span, .ty = d->decl_ty,
                      .sym = SYM_LOCAL, .name = d->name};
        Stmt *set = arena_alloc(W->fa, sizeof *set);
        Expr *rhs = emit_default_receivers(W->fa, d->rhs, &f->G);
        *set = (Stmt){.kind = ST_ASSIGN, .span = d->span, .lhs = lhs,
                      .rhs = fold_expr(&fo, rhs)};
        Stmt *one[1] = {set};
        gen_block(&f->G, &(Block){one, 1});
    }
}

/* $allocN(fname, fid, pc, values of the initialisers) -> the block's address
 * (laid out in offset, size bytes);
 * appends `$allocN(fname, fid, pc, ...)` to the probe's name. */
static bool alloc_helper(Wei *W, const Exp *x, const uint32_t *offset,
                         uint32_t size, Buf *name)
{
    Emit *E = W->E;
    BoundList l = {0};
    Expr site[3] = {
        {.kind = EX_ID, .sym = SYM_BOUND_STATIC, .name = "fname",
         .ty = ty_prim(TY_STR)},
        {.kind = EX_ID, .sym = SYM_BOUND_STATIC, .name = "fid",
         .ty = ty_prim(TY_U32)},
        {.kind = EX_ID, .sym = SYM_BOUND_STATIC, .name = "pc",
         .ty = ty_prim(TY_U32)}};
    for (int i = 0; i < 3; i++)
        add_bound(&l, &site[i]);
    for (uint32_t i = 0; i < x->nslots; i++)
        expr_bounds(x->slots[i]->rhs, &l);
    bool ok = name_bounds(E, x, &l, x->probe->span);
    char helper[32];
    snprintf(helper, sizeof helper, "$alloc%u", W->nalloc++);
    if (ok) {
        Fn f;
        fn_init(&f, E, x->script, x->probe->span);
        f.G.at_bind = true;
        fn_bound_params(&f, &l);
        uint32_t base = gen_local(&f.G, (WasmValType){WASM_I32, 0});
        gen_push(&f.G, wasm_instr_i32((int32_t)(size ? size : 1)));
        gen_push(&f.G, wasm_instr_idx(WASM_OP_Call,
                                      emit_rt_func(E, "whamm_rt_alloc_zero")));
        gen_push(&f.G, wasm_instr_idx(WASM_OP_LocalSet, base));
        push_slot_vars(&f.G, x, offset, base);
        make_site_maps(W, x, offset, &f, base);
        init_slots(W, x, &f);
        register_rows(W, x, offset, &f, base);
        gen_push(&f.G, wasm_instr_idx(WASM_OP_LocalGet, base));
        WasmValType i32 = {WASM_I32, 0};
        uint32_t fn = fn_finish(&f, &i32, 1, helper);
        ok = export_func(E, helper, fn, x->probe->span);
        buf_printf(name, "%s(", helper);
        put_params(name, &l, true);
        buf_printf(name, ")");
    }
    vec_free(l);
    return ok && !E->failed;
}

/* ---- $str: a site's function name, kept ---------------------------------- */

static uint32_t str_helper(Wei *W)
{
    if (W->str_helper >= 0)
        return (uint32_t)W->str_helper;
    Emit *E = W->E;
    Fn f;
    fn_init(&f, E, 0, (Span){0});
    WasmValType i32 = {WASM_I32, 0};
    uint32_t ptr = fn_param(&f, i32), len = fn_param(&f, i32);
    uint32_t pair = gen_local(&f.G, i32);
    Gen *G = &f.G;
    gen_push(G, wasm_instr_i32(8));
    gen_push(G, wasm_instr_idx(WASM_OP_Call,
                               emit_rt_func(E, "whamm_rt_alloc")));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalTee, pair));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, ptr));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, len));
    gen_push(G, wasm_instr_idx(WASM_OP_Call,
                               emit_rt_func(E, "whamm_rt_str_keep")));
    gen_push(G, wasm_instr_memarg(WASM_OP_I32Store, 0, 0, E->state_mem));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, pair));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, len));
    gen_push(G, wasm_instr_memarg(WASM_OP_I32Store, 0, 4, E->state_mem));
    gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, pair));
    uint32_t fn = fn_finish(&f, &i32, 1, "$str");
    W->str_helper = fn;
    (void)export_func(E, "$str", fn, (Span){0}); /* an error is reported */
    return fn;
}

/* ---- probe functions ----------------------------------------------------- */

/* The probe's parameters: the block's address (slots), then each bound
 * variable (a string through $str: one i32, loaded into two locals). */
static void probe_params(Wei *W, Fn *f, const Exp *x, const BoundList *l,
                         const uint32_t *offset, Buf *name, bool have_block)
{
    WasmValType i32 = {WASM_I32, 0};
    if (have_block)
        push_slot_vars(&f->G, x, offset, fn_param(f, i32));
    uint32_t *param = arena_alloc(W->fa, sizeof *param * (l->n + 1));
    for (uint32_t i = 0; i < l->n; i++) {
        const Bound *b = &l->v[i];
        WasmValType vt[EMIT_MAX_PARTS];
        emit_valtypes(b->ty, vt);
        param[i] = fn_param(f, b->str ? i32 : vt[0]);
        if (b->str)
            str_helper(W);
        buf_printf(name, "%s%s%s%s", i || have_block ? ", " : "",
                   b->str ? "$str(" : "", b->wei, b->str ? ")" : "");
    }
    for (uint32_t i = 0; i < l->n; i++) {
        GenVar v = {.name = l->v[i].name, .ty = l->v[i].ty};
        v.local[0] = param[i];
        if (l->v[i].str) /* the (address, length) pair $str kept */
            for (uint32_t k = 0; k < 2; k++) {
                v.local[k] = gen_local(&f->G, i32);
                gen_push(&f->G, wasm_instr_idx(WASM_OP_LocalGet, param[i]));
                gen_push(&f->G, wasm_instr_memarg(WASM_OP_I32Load, 0, k * 4,
                                                  W->E->state_mem));
                gen_push(&f->G, wasm_instr_idx(WASM_OP_LocalSet,
                                               v.local[k]));
            }
        vec_push(f->G.vars, v);
    }
}

/* ---- @static calls in bodies: $sN ------------------------------------------ */

/* A @static call in a probe's run-time code runs once per site while the
 * engine binds the monitor: helper $sN(its static values) gives its value,
 * which the probe receives as a parameter.  The call's node becomes a
 * reference to that parameter (`@sN`). */
static bool hoist_call(Wei *W, const Exp *x, Expr *e)
{
    Emit *E = W->E;
    WasmValType vt[EMIT_MAX_PARTS];
    if (!emit_static_expr(e, true) || emit_valtypes(e->ty, vt) != 1) {
        emit_error(E, e->span, "a @static call in a wei probe runs while the "
                   "engine binds the monitor: its arguments must be static "
                   "values and its result one scalar");
        return false;
    }
    BoundList l = {0};
    expr_bounds(e, &l);
    bool ok = name_bounds(E, x, &l, e->span);
    char helper[32], id[32];
    snprintf(helper, sizeof helper, "$s%u", W->ncalls);
    snprintf(id, sizeof id, "@s%u", W->ncalls++);
    if (ok) {
        Fn f;
        fn_init(&f, E, x->script, e->span);
        f.G.at_bind = true;
        fn_bound_params(&f, &l);
        gen_expr(&f.G, e);
        ok = export_func(E, helper, fn_finish(&f, vt, 1, helper), e->span);
        Buf text;
        buf_init(&text);
        buf_printf(&text, "%s(", helper);
        put_params(&text, &l, true);
        buf_printf(&text, ")");
        Bound b = {arena_strndup(E->a, id, strlen(id)), e->ty,
                   arena_strndup(E->a, (const char *)text.data, text.len),
                   false, e->span};
        vec_push(W->hoisted, b);
        buf_fini(&text);
        *e = (Expr){.kind = EX_ID, .span = e->span, .ty = e->ty,
                    .sym = SYM_BOUND_STATIC, .name = b.name};
    }
    vec_free(l);
    return ok && !E->failed;
}

static bool is_static_call(const Expr *e)
{
    return e->kind == EX_LIBCALL && e->annot &&
           strcmp(e->annot, "static") == 0;
}

static bool hoist_expr(Wei *W, const Exp *x, Expr *e)
{
    if (!e)
        return true;
    if (is_static_call(e))
        return hoist_call(W, x, e);
    bool ok = hoist_expr(W, x, e->a) && hoist_expr(W, x, e->b) &&
              hoist_expr(W, x, e->c);
    for (uint32_t i = 0; ok && i < e->nargs; i++)
        ok = hoist_expr(W, x, e->args[i]);
    return ok;
}

static bool hoist_block(Wei *W, const Exp *x, const Block *b)
{
    bool ok = true;
    for (uint32_t i = 0; ok && i < b->n; i++) {
        Stmt *s = b->v[i];
        if ((s->is_report || s->is_unshared) && s->kind == ST_DECL)
            continue; /* initialisers run in $allocN, while binding */
        ok = hoist_expr(W, x, s->lhs) && hoist_expr(W, x, s->rhs) &&
             hoist_block(W, x, &s->then_b) && hoist_block(W, x, &s->else_b);
    }
    return ok;
}

/* The wei names of the hoisted calls' parameters. */
static void name_hoisted(const Wei *W, BoundList *l)
{
    for (uint32_t i = 0; i < l->n; i++)
        for (uint32_t k = 0; k < W->hoisted.n; k++)
            if (strcmp(l->v[i].name, W->hoisted.v[k].name) == 0)
                l->v[i].wei = W->hoisted.v[k].wei;
}

static bool wei_probe(Wei *W, Exp *x, uint32_t n)
{
    Emit *E = W->E;
    Buf name;
    buf_init(&name);
    bool ok = wei_rule(E, x, &name);
    Folder fo = {W->fa, NULL, NULL, &E->consts[x->script], NULL, NULL};
    Expr *residual = NULL;
    FoldPred fp = !ok || E->opt->no_pred
                      ? FOLD_TRUE : fold_predicate(&fo, x->pred, &residual);
    if (!ok || fp == FOLD_FALSE) {
        buf_fini(&name);
        return ok;
    }
    Expr *stat = NULL, *dyn = NULL;
    if (residual)
        split_pred(W->fa, residual, &stat, &dyn);
    if (stat)
        ok = pred_helper(W, x, stat, &name);
    Block body = E->opt->no_body ? (Block){NULL, 0} : fold_block(&fo, x->body);
    ok = ok && hoist_block(W, x, &body) && hoist_expr(W, x, dyn);
    BoundList l = {0};
    block_bounds(&body, &l);
    expr_bounds(dyn, &l);
    name_hoisted(W, &l);
    ok = ok && name_bounds(E, x, &l, x->probe->span);
    buf_printf(&name, "(");
    uint32_t *offset = arena_alloc(W->fa, sizeof *offset * (x->nslots + 1));
    uint32_t size = block_layout(x, offset);
    if (ok && x->nslots)
        ok = alloc_helper(W, x, offset, size, &name);
    if (ok) {
        Fn f;
        fn_init(&f, E, x->script, x->probe->span);
        f.G.exp = x;
        probe_params(W, &f, x, &l, offset, &name, x->nslots != 0);
        gen_guarded_body(&f.G, &body, dyn);
        char fname[48];
        snprintf(fname, sizeof fname, "$probe%u", n);
        uint32_t fn = fn_finish(&f, NULL, 0, fname);
        buf_printf(&name, ")");
        buf_push(&name, 0);
        ok = !E->failed &&
             export_func(E, (const char *)name.data, fn, x->probe->span);
        if (ok && E->opt->verbose)
            fprintf(E->opt->verbose, "whamm: wei probe `%s`\n",
                    (const char *)name.data);
    }
    vec_free(l);
    buf_fini(&name);
    return ok;
}

/* Every per-site expansion as a probe function. */
static bool wei_probes(Wei *W)
{
    Emit *E = W->E;
    bool ok = true;
    uint32_t n = 0;
    for (uint32_t i = 0; i < E->exps.n && ok; i++) {
        Exp *x = E->exps.v[i];
        if (x->ev == EV_BEGIN || x->ev == EV_END || x->ev == EV_REPORT)
            continue;
        Arena fa;
        arena_init(&fa);
        W->fa = &fa;
        ok = wei_probe(W, x, n++);
        W->fa = NULL;
        arena_fini(&fa);
    }
    return ok && !E->failed;
}

/* The kinds of every per-site report row, before any $allocN names one
 * (the report's runs are then all known: their order is final). */
static void declare_kinds(Emit *E)
{
    for (uint32_t i = 0; i < E->exps.n; i++) {
        const Exp *x = E->exps.v[i];
        for (uint32_t k = 0; k < x->nslots && !E->opt->no_report; k++)
            if (x->slots[k]->is_report)
                emit_report_kind(E, x, x->slots[k], NULL);
    }
}

/* whamm_buffer: where the engine writes the strings it passes to helpers
 * (the exported memory, the global whamm_buffer:start and its size). */
static bool add_buffer(Emit *E)
{
    uint32_t at = emit_alloc(E, WEI_BUFFER_SIZE, 8);
    WasmInstr start = wasm_instr_i32((int32_t)at);
    WasmInstr max = wasm_instr_i32((int32_t)WEI_BUFFER_SIZE);
    WasmValType i32 = {WASM_I32, 0};
    uint32_t g_start = wasm_add_global(E->m, i32, false, &start, 1);
    uint32_t g_max = wasm_add_global(E->m, i32, false, &max, 1);
    if (!wasm_add_export(E->m, "whamm_buffer", WASM_EXT_MEMORY,
                         E->state_mem) ||
        !wasm_add_export(E->m, "whamm_buffer:start", WASM_EXT_GLOBAL,
                         g_start) ||
        !wasm_add_export(E->m, "whamm_buffer:max", WASM_EXT_GLOBAL, g_max)) {
        emit_error(E, (Span){0}, "internal error: whamm_buffer exported twice");
        return false;
    }
    return true;
}

/* wasm:exit: the end of the program (wasm:end, the report). */
static bool add_exit(Emit *E)
{
    if (!E->need_flush)
        return true;
    return export_func(E, "wasm:exit", E->on_exit, (Span){0});
}

/* The wei target's phases: the rewriting target's, with the probes made
 * into exports instead of the walk. */
static bool wei_phases(Emit *E)
{
    Wei W = {E, NULL, 0, 0, -1, -1, 0, {0}};
    bool ok = check_memories(E) && emit_add_globals(E) && emit_plan(E);
    E->need_runtime = true; /* whamm_rt_alloc, the report, $str */
    ok = ok && emit_setup_state(E);
    if (ok) {
        emit_layout_global_maps(E);
        declare_kinds(E);
    }
    ok = ok && emit_setup_hooks(E) && emit_build_fns(E) && add_buffer(E) &&
         wei_probes(&W);
    if (ok) {
        emit_layout_report(E);
        if (W.report_global >= 0) {
            WasmInstr at = wasm_instr_i32((int32_t)E->rows_addr);
            wasm_set_global_init(E->m, (uint32_t)W.report_global, &at, 1);
        }
        ok = emit_finish_hooks(E) && add_exit(E);
        emit_finish_maps(E);
        ok = ok && emit_finish_state(E);
    }
    E->res->changed = true;
    vec_free(W.hoisted);
    return ok;
}

bool emit_wei_monitor(WasmModule *m, const EmitScript *scripts,
                      uint32_t nscripts, const struct ProvRegistry *reg,
                      const EmitOptions *opt, DiagSink *sink, EmitResult *res)
{
    EmitRun run = {m, scripts, nscripts, reg, opt, sink, res, true};
    return emit_run(&run, wei_phases);
}
