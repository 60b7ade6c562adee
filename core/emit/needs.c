/* needs.c -- what the scripts need before any code is generated: the
 * runtime's string helpers, read_str's heap and whether that heap can be
 * emptied at the start of every probe (no str outlives a probe). */
#include "plan.h"

#include <string.h>

typedef struct {
    Emit *E;
    uint32_t script;
    bool str_helpers;   /* a string comparison at run time */
    bool heap;          /* read_str */
    bool str_outlives;  /* a str variable outside probe/function locals */
    bool maps;          /* a map anywhere */
    bool core_print;    /* whamm_core's printing functions */
    bool libs;          /* a user library called at run time */
} Needs;

static bool has_map(const Type *t)
{
    if (!t)
        return false;
    if (t->kind == TY_MAP)
        return true;
    for (uint32_t i = 0; t->kind == TY_TUPLE && i < t->n; i++)
        if (has_map(t->elems[i]))
            return true;
    return false;
}

bool emit_static_expr(const Expr *e, bool calls)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL: case EX_STR:
        return true;
    case EX_ID:
        return e->sym == SYM_BOUND_STATIC ||
               (e->sym == SYM_BOUND_DERIVED && e->ty && e->ty->kind == TY_STR);
    case EX_UNARY: case EX_CAST:
        return emit_static_expr(e->a, calls);
    case EX_BINARY:
        return emit_static_expr(e->a, calls) && emit_static_expr(e->b, calls);
    case EX_TERNARY:
        return emit_static_expr(e->a, calls) &&
               emit_static_expr(e->b, calls) && emit_static_expr(e->c, calls);
    case EX_LIBCALL:
        if (!calls || !e->annot || strcmp(e->annot, "static") != 0)
            return false;
        for (uint32_t i = 0; i < e->nargs; i++)
            if (!emit_static_expr(e->args[i], calls))
                return false;
        return true;
    default:
        return false;
    }
}

/* A map key that every site folds to a literal: literals and static
 * bound variables, in tuples and casts. */
static bool static_key_expr(const Expr *e)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL: case EX_STR:
        return true;
    case EX_ID:
        return e->sym == SYM_BOUND_STATIC;
    case EX_CAST:
        return static_key_expr(e->a);
    case EX_TUPLE:
        for (uint32_t i = 0; i < e->nargs; i++)
            if (!static_key_expr(e->args[i]))
                return false;
        return true;
    default:
        return false;
    }
}

static void dynamic_map(Needs *n, const char *name)
{
    MapName m = {n->script, name};
    vec_push(n->E->dyn_maps, m);
}

/* What keeps a map's static entries out of Wasm globals (emit_map_in_
 * globals): a key not known at the site, the map passed to a function,
 * print_map (any map, by run-time id). */
static void scan_map_use(Needs *n, const Expr *e)
{
    if (e->kind == EX_INDEX && e->a && e->a->kind == EX_ID &&
        !static_key_expr(e->b))
        dynamic_map(n, e->a->name);
    if (e->kind == EX_CALL || e->kind == EX_LIBCALL)
        for (uint32_t i = 0; i < e->nargs; i++)
            if (e->args[i]->kind == EX_ID && has_map(e->args[i]->ty))
                dynamic_map(n, e->args[i]->name);
    if (e->kind == EX_LIBCALL && e->recv && e->name &&
        strcmp(e->recv, "whamm_core") == 0 &&
        strncmp(e->name, "print_map", 9) == 0)
        n->E->maps_printed = true;
}

static bool is_str(const Expr *e) { return e && e->ty && e->ty->kind == TY_STR; }

static bool holds_str(const Type *t)
{
    for (uint32_t i = 0; t && t->kind == TY_TUPLE && i < t->n; i++)
        if (holds_str(t->elems[i]))
            return true;
    return t && t->kind == TY_STR;
}

static bool is_static_call(const Expr *e)
{
    return e->annot && strcmp(e->annot, "static") == 0;
}

/* A user library called at run time is merged (and needs the runtime for
 * its WASI calls). */
static void mark_lib_used(Needs *n, const char *name)
{
    const Emit *E = n->E;
    for (uint32_t i = 0; i < E->opt->nlibs; i++)
        if (strcmp(E->opt->libs[i].name, name) == 0) {
            E->libs[i].used = true;
            n->libs = true;
        }
}

static void scan_expr(Needs *n, const Expr *e)
{
    if (!e)
        return;
    if (e->kind == EX_BINARY && (e->bop == BIN_EQ || e->bop == BIN_NE) &&
        e->a && holds_str(e->a->ty) &&
        !(emit_static_expr(e->a, false) && emit_static_expr(e->b, false)))
        n->str_helpers = true;
    if (emit_is_builtin_call(e, "strcmp") || emit_is_builtin_call(e, "strcontains"))
        n->str_helpers = true;
    if (emit_is_builtin_call(e, "read_str"))
        n->heap = true;
    if (e->kind == EX_INDEX || has_map(e->ty))
        n->maps = true;
    scan_map_use(n, e);
    if (e->kind == EX_LIBCALL && e->recv &&
        strcmp(e->recv, "whamm_core") == 0)
        n->core_print = true;
    /* (a wei monitor's engine runs its @static calls: merged too) */
    if (e->kind == EX_LIBCALL && e->recv && (!is_static_call(e) || n->E->wei))
        mark_lib_used(n, e->recv);
    if (emit_is_builtin_call(e, "memid") && e->nargs == 1 &&
        e->args[0]->kind == EX_ID)
        mark_lib_used(n, e->args[0]->name); /* its memory */
    if (e->kind == EX_LIBCALL && is_str(e->a) && e->nargs == 1 &&
        !(emit_static_expr(e->a, false) &&
          emit_static_expr(e->args[0], false)))
        n->str_helpers = true;
    scan_expr(n, e->a);
    scan_expr(n, e->b);
    scan_expr(n, e->c);
    for (uint32_t i = 0; i < e->nargs; i++)
        scan_expr(n, e->args[i]);
}

static void scan_block(Needs *n, const Block *b, bool top);

static void scan_stmt(Needs *n, const Stmt *s, bool top)
{
    if (s->kind == ST_DECL && s->decl_ty && s->decl_ty->kind == TY_STR &&
        (top || s->is_report || s->is_unshared))
        n->str_outlives = true;
    if (s->kind == ST_DECL && has_map(s->decl_ty))
        n->maps = true;
    if (s->kind == ST_DECL && has_map(s->decl_ty) && s->rhs)
        dynamic_map(n, s->name); /* = targets: entries made elsewhere */
    scan_expr(n, s->lhs);
    scan_expr(n, s->rhs);
    scan_block(n, &s->then_b, false);
    scan_block(n, &s->else_b, false);
}

static void scan_block(Needs *n, const Block *b, bool top)
{
    for (uint32_t i = 0; i < b->n; i++)
        scan_stmt(n, b->v[i], top);
}

void emit_scan_needs(Emit *E)
{
    Needs n = {0};
    n.E = E;
    for (uint32_t si = 0; si < E->nscripts; si++) {
        const Script *s = E->scripts[si].script;
        n.script = si;
        for (uint32_t i = 0; i < s->nitems; i++) {
            const Item *it = &s->items[i];
            if (it->kind == ITEM_STMT) {
                scan_stmt(&n, it->stmt, true);
            } else if (it->kind == ITEM_FN) {
                scan_block(&n, &it->fn->body, false);
            } else {
                scan_expr(&n, it->probe->pred);
                scan_block(&n, &it->probe->body, false);
            }
        }
    }
    E->need_heap = n.heap;
    E->heap_resets = n.heap && !n.str_outlives;
    E->need_runtime = E->need_report || n.str_helpers || n.heap || n.maps ||
                      n.core_print || n.libs;
}
