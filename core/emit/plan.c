/* plan.c -- from checked scripts to what the walk needs: every probe
 * expanded with its per-script number, a typed copy of its predicate and
 * body per expansion with the derived bound variables substituted
 * (`addr`, `effective_addr`, `opname`, ...), the pure counters that can be
 * coalesced and whether the default report is printed. */
#include "plan.h"

#include <string.h>

/* ---- derived bound variables ------------------------------------------------ */

typedef struct {
    Emit *E;
    Exp *x;
    int depth;              /* guards against derived_from cycles */
} Cloner;

static Expr *clone_expr(Cloner *C, const Expr *e);

/* Gives a parsed derived_from expression types: names are the event's
 * bound variables, literals take the type of what they meet. */
static bool type_derived(Cloner *C, Expr *e, const Type *want)
{
    switch (e->kind) {
    case EX_INT:
        e->ty = want && ty_is_numeric(want) ? want : ty_prim(TY_I32);
        return true;
    case EX_FLOAT: e->ty = want ? want : ty_prim(TY_F64); return true;
    case EX_BOOL: e->ty = ty_prim(TY_BOOL); return true;
    case EX_STR: e->ty = ty_prim(TY_STR); return true;
    case EX_ID: {
        const ProvVar *v = prov_lookup_var(C->E->reg, &C->x->pm, e->name);
        if (!v || v->type->kind == TY_UNKNOWN)
            return false;
        e->ty = v->type;
        e->sym = v->derived_from ? SYM_BOUND_DERIVED
                 : v->lifetime == PROV_LIFE_STATIC ? SYM_BOUND_STATIC
                                                   : SYM_BOUND_DYNAMIC;
        return true;
    }
    case EX_BINARY: {
        if (!type_derived(C, e->a, NULL) || !type_derived(C, e->b, e->a->ty))
            return false;
        bool cmp = e->bop >= BIN_EQ && e->bop <= BIN_LT;
        e->ty = cmp || e->bop == BIN_AND || e->bop == BIN_OR
                    ? ty_prim(TY_BOOL) : e->a->ty;
        return true;
    }
    case EX_CAST:
        e->ty = e->cast_ty;
        return type_derived(C, e->a, NULL);
    case EX_TERNARY:
        if (!type_derived(C, e->a, NULL) || !type_derived(C, e->b, want) ||
            !type_derived(C, e->c, e->b->ty))
            return false;
        e->ty = e->b->ty;
        return true;
    case EX_CALL: { /* a bound function: resolve_funcref(...) */
        const ProvFn *f = prov_lookup_fn(C->E->reg, &C->x->pm, e->name);
        for (uint32_t i = 0; f && i < e->nargs; i++)
            if (!type_derived(C, e->args[i], NULL))
                return false;
        e->sym = SYM_BUILTIN;
        e->ty = f ? f->result : NULL;
        return f && f->nparams == e->nargs;
    }
    default:
        return false;
    }
}

/* The expression a derived (or literal-valued static) bound variable
 * stands for, typed and with its own derived names substituted. */
static Expr *derived_value(Cloner *C, const Expr *e, const ProvVar *v)
{
    Emit *E = C->E;
    if (C->depth > 8) {
        emit_error(E, e->span, "bound variable `%s` is defined in terms of "
                   "itself", e->name);
        return NULL;
    }
    DiagSink quiet;
    diag_init(&quiet);
    const char *text = v->derived_from;
    Expr *d = parse_expr_text(E->a, &quiet, "derived_from", text,
                              strlen(text));
    diag_fini(&quiet);
    if (!d || !type_derived(C, d, e->ty)) {
        emit_error(E, e->span, "`%s` (= %s) is not supported by whamm instr "
                   "yet", e->name, text);
        return NULL;
    }
    C->depth++;
    Expr *out = clone_expr(C, d);
    C->depth--;
    if (out && e->ty && !ty_equal(out->ty, e->ty) &&
        e->ty->kind != TY_UNKNOWN) {
        Expr *cast = arena_alloc(E->a, sizeof *cast);
        cast->kind = EX_CAST;
        cast->span = e->span;
        cast->a = out;
        cast->cast_ty = cast->ty = e->ty;
        out = cast;
    }
    return out;
}

static Expr *clone_id(Cloner *C, const Expr *e, Expr *n)
{
    if (e->sym != SYM_BOUND_DERIVED && e->sym != SYM_BOUND_STATIC)
        return n;
    const ProvVar *v = prov_lookup_var(C->E->reg, &C->x->pm, e->name);
    if (!v || !v->derived_from)
        return n;
    Expr *d = derived_value(C, e, v);
    if (d)
        d->span = e->span;
    return d ? d : n;
}

static Expr *clone_expr(Cloner *C, const Expr *e)
{
    if (!e)
        return NULL;
    Expr *n = arena_dup(C->E->a, e, sizeof *e);
    if (e->kind == EX_ID)
        return clone_id(C, e, n);
    n->a = clone_expr(C, e->a);
    n->b = clone_expr(C, e->b);
    n->c = clone_expr(C, e->c);
    if (e->nargs) {
        n->args = arena_alloc(C->E->a, sizeof *n->args * e->nargs);
        for (uint32_t i = 0; i < e->nargs; i++)
            n->args[i] = clone_expr(C, e->args[i]);
    }
    return n;
}

static Block clone_block(Cloner *C, Block b);

static Stmt *clone_stmt(Cloner *C, const Stmt *s)
{
    Stmt *n = arena_dup(C->E->a, s, sizeof *s);
    n->lhs = clone_expr(C, s->lhs);
    n->rhs = clone_expr(C, s->rhs);
    n->then_b = clone_block(C, s->then_b);
    n->else_b = clone_block(C, s->else_b);
    return n;
}

static Block clone_block(Cloner *C, Block b)
{
    Block out = {NULL, b.n};
    if (b.n) {
        out.v = arena_alloc(C->E->a, sizeof *out.v * b.n);
        for (uint32_t i = 0; i < b.n; i++)
            out.v[i] = clone_stmt(C, b.v[i]);
    }
    return out;
}

/* ---- what an expansion uses --------------------------------------------------- */

static void scan_expr(Exp *x, const Expr *e)
{
    if (!e)
        return;
    if (e->kind == EX_ID && e->sym == SYM_BOUND_STATIC)
        x->uses_static = true;
    if (e->kind == EX_ID && e->sym == SYM_BOUND_DYNAMIC) {
        /* target_funcref is the table entry at arg0 */
        int a = strcmp(e->name, "target_funcref") == 0
                    ? 0 : emit_pattern_index(e->name, "arg");
        int r = emit_pattern_index(e->name, "res");
        if (a > x->max_arg)
            x->max_arg = a;
        if (r > x->max_res)
            x->max_res = r;
        x->uses_locals = true;
    }
    if (e->kind == EX_ID && e->sym == SYM_LOCAL)
        x->uses_locals = true;
    if (e->kind == EX_CALL && e->sym == SYM_BUILTIN)
        x->uses_static = true; /* alt_call_*, drop_args need the site */
    if (e->kind == EX_LIBCALL && e->annot && strcmp(e->annot, "static") == 0)
        x->uses_static = true; /* run at every site, in site order */
    if (e->kind == EX_CALL && (e->sym == SYM_FN ||
                               (e->sym == SYM_BUILTIN &&
                                strcmp(e->name, "read_str") == 0)))
        x->uses_heap = true;
    if (e->kind == EX_CALL || e->kind == EX_LIBCALL || e->kind == EX_INDEX ||
        (e->ty && (e->ty->kind == TY_MAP || e->ty->kind == TY_STR)))
        x->calls_out = true;
    scan_expr(x, e->a);
    scan_expr(x, e->b);
    scan_expr(x, e->c);
    for (uint32_t i = 0; i < e->nargs; i++)
        scan_expr(x, e->args[i]);
}

typedef VEC(Stmt *) StmtList;

static void scan_block(Emit *E, Exp *x, const Block *b, StmtList *slots)
{
    for (uint32_t i = 0; i < b->n; i++) {
        Stmt *s = b->v[i];
        if (s->kind == ST_DECL && (s->is_report || s->is_unshared))
            avec_push(E->a, *slots, s);
        else if (s->kind == ST_DECL)
            x->uses_locals = true;
        if (s->kind == ST_IF)
            x->has_if = true;
        scan_expr(x, s->lhs);
        scan_expr(x, s->rhs);
        scan_block(E, x, &s->then_b, slots);
        scan_block(E, x, &s->else_b, slots);
    }
}

/* Unshared/report variables of a probe, sorted by type then declaration
 * order (the allocation order of docs/instr.md "The report"). */
static void sort_slots(Stmt **v, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        Stmt *s = v[i];
        uint32_t j = i;
        while (j > 0 && emit_type_rank(v[j - 1]->decl_ty) >
                            emit_type_rank(s->decl_ty)) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = s;
    }
}

/* ---- expansions ---------------------------------------------------------------- */

static bool classify(Emit *E, Exp *x)
{
    const char *pkg = x->pm.package->name;
    const char *ev = x->pm.event ? x->pm.event->name : "";
    x->mode = MD_NONE;
    if (x->pm.mode) {
        switch (x->pm.mode->kind) {
        case PROV_MODE_BEFORE: x->mode = MD_BEFORE; break;
        case PROV_MODE_AFTER: x->mode = MD_AFTER; break;
        case PROV_MODE_ALT: x->mode = MD_ALT; break;
        case PROV_MODE_BLOCK_ALT: x->mode = MD_BLOCK_ALT; break;
        case PROV_MODE_ENTRY: x->mode = MD_ENTRY; break;
        case PROV_MODE_EXIT: x->mode = MD_EXIT; break;
        case PROV_MODE_AT_TARGET: x->mode = MD_AT_TARGET; break;
        case PROV_MODE_SEMANTIC_AFTER:
            x->mode = x->pm.mode->alias &&
                              strcmp(x->pm.mode->alias, "at_target") == 0
                          ? MD_AT_TARGET : MD_BLOCK_AFTER;
            break;
        default: break;
        }
    }
    if (E->wei && strcmp(x->pm.provider->name, "wasm") != 0) {
        x->ev = EV_OTHER; /* a wei monitor names it for its engine */
    } else if (strcmp(pkg, "opcode") == 0 && x->pm.event && x->pm.event->opcode >= 0) {
        x->ev = EV_OPCODE;
        x->op = x->pm.event->opcode;
    } else if (strcmp(pkg, "func") == 0) {
        x->ev = strcmp(ev, "entry") == 0 ? EV_FUNC_ENTRY : EV_FUNC_EXIT;
    } else if (strcmp(pkg, "block") == 0) {
        x->ev = strcmp(ev, "start") == 0 ? EV_BLOCK_START : EV_BLOCK_END;
    } else if (strcmp(pkg, "begin") == 0) {
        x->ev = EV_BEGIN;
    } else if (strcmp(pkg, "end") == 0) {
        x->ev = EV_END;
    } else if (strcmp(pkg, "report") == 0) {
        x->ev = EV_REPORT;
    } else {
        emit_error(E, x->probe->span, "`%s` is not supported by whamm instr",
                   x->pm.event ? x->pm.event->name : pkg);
        return false;
    }
    return true;
}

static ExpList *list_for(Emit *E, const Exp *x)
{
    switch (x->ev) {
    case EV_OPCODE: return &E->by_op[x->op];
    case EV_FUNC_ENTRY: return &E->func_entry;
    case EV_FUNC_EXIT: return &E->func_exit;
    case EV_BLOCK_START: return &E->block_start;
    case EV_BLOCK_END: return &E->block_end;
    case EV_BEGIN: return &E->begin;
    case EV_END: return &E->end;
    case EV_OTHER: return &E->other;
    default: return &E->report;
    }
}

static const char *probe_id_text(Emit *E, const ProvMatch *pm)
{
    Buf b;
    buf_init(&b);
    buf_printf(&b, "%u_", pm->probe_id);
    prov_match_name(&b, pm, true);
    const char *s = arena_strndup(E->a, (const char *)b.data, b.len);
    buf_fini(&b);
    return s;
}

static Exp *new_exp(Emit *E, Script *s, Probe *p, uint32_t si, uint32_t k,
                    const ProvMatch *pm, uint32_t probe_index)
{
    Exp *x = arena_alloc(E->a, sizeof *x);
    x->probe = p;
    x->script = si;
    x->m = k;
    x->pm = *pm;
    x->max_arg = x->max_res = -1;
    x->counter = -1;
    x->probe_index = probe_index;
    x->id_text = probe_id_text(E, pm);
    if (!classify(E, x) || !tc_annotate_expansion(s, p, k, E->a))
        return NULL;
    Cloner C = {E, x, 0};
    x->pred = clone_expr(&C, p->pred);
    x->body = clone_block(&C, p->body);
    StmtList slots = {0};
    scan_expr(x, x->pred);
    scan_block(E, x, &x->body, &slots);
    if (slots.n) {
        x->slots_in_order = arena_alloc(E->a, sizeof *slots.v * slots.n);
        memcpy(x->slots_in_order, slots.v, sizeof *slots.v * slots.n);
    }
    sort_slots(slots.v, slots.n);
    x->slots = slots.v;
    x->nslots = slots.n;
    if (x->nslots)
        E->any_slots = true;
    return x;
}

/* The rule as prov_match_rule reads it ("" parts are `*`). */
static void rule_text(Buf *b, const Probe *p)
{
    for (uint32_t i = 0; i < p->nparts; i++) {
        if (i)
            buf_push(b, ':');
        buf_printf(b, "%s", p->part[i][0] ? p->part[i] : "*");
    }
}

static bool expand_probe(Emit *E, Script *s, uint32_t si, Probe *p,
                         ProvNumbering *num, uint32_t probe_index)
{
    Buf rule;
    buf_init(&rule);
    rule_text(&rule, p);
    ProvMatchList ml = {0};
    DiagSink quiet; /* the checker reported rule problems already */
    diag_init(&quiet);
    bool ok = prov_match_rule(E->reg, (const char *)rule.data, rule.len,
                              p->span, PROV_NOMATCH_WARN, num, &ml, NULL,
                              &quiet);
    diag_fini(&quiet);
    buf_fini(&rule);
    for (uint32_t k = 0; ok && k < ml.n && k < p->nmatches; k++) {
        if (p->filtered && p->filtered[k])
            continue;
        Exp *x = new_exp(E, s, p, si, k, &ml.v[k], probe_index);
        if (!x) {
            ok = false;
            break;
        }
        avec_push(E->a, E->exps, x);
        avec_push(E->a, *list_for(E, x), x);
    }
    vec_free(ml);
    return ok || ml.n == 0;
}

static bool expand_script(Emit *E, uint32_t si)
{
    Script *s = E->scripts[si].script;
    ProvNumbering num;
    prov_numbering_init(&num, E->reg);
    bool ok = true;
    for (uint32_t i = 0; i < s->nitems && ok; i++) {
        if (s->items[i].kind != ITEM_PROBE)
            continue;
        EmitResult *r = E->res;
        if ((r->nprobes & (r->nprobes - 1)) == 0) /* 0, 1, 2, 4..: double */
            r->probes = xrealloc(r->probes, sizeof *r->probes *
                                 (r->nprobes ? 2 * r->nprobes : 1));
        r->probes[r->nprobes] = (EmitProbeCount){s->items[i].probe, si, 0};
        ok = expand_probe(E, s, si, s->items[i].probe, &num, r->nprobes++);
    }
    prov_numbering_fini(&num);
    return ok && !E->failed;
}

/* ---- pure counters ---------------------------------------------------------------- */

/* The global a statement `g++` / `g = g + lit` bumps, and by how much. */
static const Expr *counter_stmt(const Stmt *s, int64_t *delta)
{
    const Expr *l = s->lhs;
    if (!l || l->kind != EX_ID || l->sym != SYM_GLOBAL || !ty_is_int(l->ty))
        return NULL;
    if (s->kind == ST_INCR || s->kind == ST_DECR) {
        *delta = s->kind == ST_INCR ? 1 : -1;
        return l;
    }
    const Expr *r = s->rhs;
    if (s->kind == ST_ASSIGN && r && r->kind == EX_BINARY &&
        r->bop == BIN_ADD && r->a->kind == EX_ID &&
        strcmp(r->a->name, l->name) == 0 && r->b->kind == EX_INT) {
        *delta = (int64_t)r->b->ival;
        return l;
    }
    return NULL;
}

static uint32_t count_refs_expr(const Expr *e, const char *name)
{
    if (!e)
        return 0;
    uint32_t n = e->kind == EX_ID && e->sym == SYM_GLOBAL &&
                 strcmp(e->name, name) == 0;
    n += count_refs_expr(e->a, name) + count_refs_expr(e->b, name) +
         count_refs_expr(e->c, name);
    for (uint32_t i = 0; i < e->nargs; i++)
        n += count_refs_expr(e->args[i], name);
    return n;
}

static uint32_t count_refs_block(const Block *b, const char *name)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        const Stmt *s = b->v[i];
        n += count_refs_expr(s->lhs, name) + count_refs_expr(s->rhs, name);
        n += count_refs_block(&s->then_b, name) +
             count_refs_block(&s->else_b, name);
    }
    return n;
}

/* References to global `name` in a script outside its declaration. */
static uint32_t script_refs(const Script *s, const char *name)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->nitems; i++) {
        const Item *it = &s->items[i];
        if (it->kind == ITEM_PROBE) {
            n += count_refs_expr(it->probe->pred, name);
            n += count_refs_block(&it->probe->body, name);
        } else if (it->kind == ITEM_FN) {
            n += count_refs_block(&it->fn->body, name);
        } else if (it->stmt->kind != ST_DECL) {
            Block one = {(Stmt **)&it->stmt, 1};
            n += count_refs_block(&one, name);
        } else if (it->stmt->rhs) {
            n += 1; /* an initialiser: keep it simple, no coalescing */
        }
    }
    return n;
}

/* Whether probe p (as written) is a pure counter of global `name`. */
static bool counter_probe(const Emit *E, const Probe *p, const char *name)
{
    int64_t d;
    const Expr *g;
    return (!p->pred || E->opt->no_pred) && p->body.n == 1 &&
           (g = counter_stmt(p->body.v[0], &d)) && strcmp(g->name, name) == 0;
}

/* References to `name` from pure-counter probes of script s. */
static uint32_t counter_refs(const Emit *E, const Script *s, const char *name)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->nitems; i++)
        if (s->items[i].kind == ITEM_PROBE &&
            counter_probe(E, s->items[i].probe, name))
            n += count_refs_block(&s->items[i].probe->body, name);
    return n;
}

/* An unpredicated `before` probe whose whole body bumps one integer
 * global that nothing else reads can be summed per straight-line segment:
 * the total is exact wherever the program can observe it (the flush runs
 * at segment ends: calls and control instructions end segments). */
static void find_counters(Emit *E)
{
    for (uint32_t i = 0; i < E->exps.n; i++) {
        Exp *x = E->exps.v[i];
        int64_t delta;
        const Expr *g;
        if (x->ev != EV_OPCODE || x->mode != MD_BEFORE || E->opt->no_body ||
            x->probe->body.n != 1 ||
            !(g = counter_stmt(x->probe->body.v[0], &delta)) ||
            !counter_probe(E, x->probe, g->name))
            continue;
        const GlobalVar *gv = emit_find_global(E, x->script, g->name);
        const Script *s = E->scripts[x->script].script;
        if (!gv || script_refs(s, g->name) != counter_refs(E, s, g->name))
            continue;
        uint32_t gi = (uint32_t)(gv - E->globals.v);
        int slot = -1;
        for (uint32_t c = 0; c < E->ncounters; c++)
            if (E->counters[c] == gi)
                slot = (int)c;
        if (slot < 0 && E->ncounters < EMIT_MAX_COUNTERS) {
            slot = (int)E->ncounters;
            E->counters[E->ncounters++] = gi;
        }
        if (slot >= 0) {
            x->counter = slot;
            x->counter_delta = delta;
        }
    }
}

/* ---- entry ------------------------------------------------------------------------ */

/* The default report is printed when some report variable exists and no
 * `wasm:report` probe replaces it. */
static bool wants_report(const Emit *E)
{
    if (E->opt->no_report || E->report.n)
        return false;
    for (uint32_t i = 0; i < E->globals.n; i++)
        if (E->globals.v[i].is_report)
            return true;
    for (uint32_t i = 0; i < E->exps.n; i++)
        for (uint32_t k = 0; k < E->exps.v[i]->nslots; k++)
            if (E->exps.v[i]->slots[k]->is_report)
                return true;
    return false;
}

bool emit_plan(Emit *E)
{
    E->consts = arena_alloc(E->a, sizeof *E->consts * E->nscripts);
    for (uint32_t si = 0; si < E->nscripts; si++)
        E->consts[si] = fold_find_consts(E->scripts[si].script, E->a);
    bool ok = true;
    for (uint32_t si = 0; si < E->nscripts && ok; si++)
        ok = expand_script(E, si);
    if (!ok || E->failed)
        return false;
    find_counters(E);
    for (uint32_t i = 0; i < E->exps.n; i++)
        if (E->exps.v[i]->ev == EV_OPCODE && E->exps.v[i]->counter < 0)
            E->has_plain[E->exps.v[i]->op] = true;
    E->need_report = wants_report(E);
    emit_scan_needs(E);
    return !E->failed;
}
