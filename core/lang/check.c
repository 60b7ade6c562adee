/* check.c -- scopes, symbols and the type checker, type bounds included
 * (docs/language.md "Types and conversions", "The provider interface").
 *
 * Scopes, innermost first: probe/fn locals and params, script
 * globals (and `fn`s, `use`d libraries), the bound items of the expanded
 * (event, mode) from the TcProvider, then the whamm built-ins.
 * Nothing may be declared twice anywhere in that chain.  Every probe is
 * checked once per expansion, because bound variables (arg0 ...) differ per
 * event, and so do the values of constant ones (bytecode, opname ...),
 * which are typed as the literals they stand for (bound_const); an error
 * found in several expansions is reported once.  Errors are
 * recorded and checking goes on; an erroneous expression
 * gets the type `unknown`, which is compatible with everything, so one
 * mistake does not cascade. */
#include "lang.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>

typedef struct {
    const char *name;
    SymKind kind;
    const Type *ty;        /* variables; functions: result */
    Span span;             /* where declared (file NULL: built in) */
    const Type *const *params;
    uint32_t nparams;
    bool special;          /* report / unshared */
} Sym;

typedef VEC(Sym) SymVec;

/* The parsed literal of a constant bound variable (TcBoundVar.literal). */
typedef struct {
    const TcBoundVar *var;
    const Expr *lit;       /* NULL: the text is not a literal after all */
} ConstLit;

typedef struct {
    Arena *a;
    DiagSink *sink;
    const Script *script;
    SymVec builtins, globals, locals;
    uint32_t *gslot;       /* globals by name: index + 1, open addressing */
    uint32_t gcap;         /* a power of two, or 0 */
    const Probe *probe;    /* the probe being checked, or NULL */
    const TcMatch *match;  /* its current expansion */
    const FnDef *fn;       /* the function being checked, or NULL */
    bool global;           /* checking a top-level statement */
    bool special_init;     /* checking an unshared/report initialiser */
    bool saw_return;
    bool libs_known;       /* user libraries given: check against them */
    const TcLib *libs;
    uint32_t nlibs;
    VEC(ConstLit) consts;  /* literals parsed so far (each once) */
} Tc;

static const Type *unknown(void) { return ty_prim(TY_UNKNOWN); }

/* ---- diagnostics ----------------------------------------------------------- */

/* Reports once per (span, message): a probe checked per expansion would
 * otherwise repeat its errors.  Returns NULL for a repeat. */
static Diag *report(Tc *T, DiagKind k, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static Diag *report(Tc *T, DiagKind k, Span sp, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (uint32_t i = 0; i < T->sink->diags.n; i++) {
        const Diag *d = &T->sink->diags.v[i];
        if (d->span.line == sp.line && d->span.col == sp.col &&
            d->span.file == sp.file && strcmp(d->msg, msg) == 0)
            return NULL;
    }
    Diag *d = diag_emit(T->sink, k, sp, "%s", msg);
    if (T->probe && T->match && T->probe->nmatches > 1)
        diag_note(T->sink, d, (Span){0}, "while checking `%s`", T->match->rule);
    return d;
}

static const char *tname(Tc *T, const Type *t) { return ty_name(T->a, t); }

/* ---- symbols --------------------------------------------------------------- */

static Sym *find_in(SymVec *v, const char *name)
{
    for (uint32_t i = 0; i < v->n; i++)
        if (strcmp(v->v[i].name, name) == 0)
            return &v->v[i];
    return NULL;
}

/* A bound variable of the current expansion.  *pattern: matched a
 * `prefix[0:9]+` entry. */
static const TcBoundVar *bound_var(const Tc *T, const char *name,
                                   bool *pattern)
{
    if (!T->match)
        return NULL;
    *pattern = false;
    for (uint32_t i = 0; i < T->match->nvars; i++) {
        const TcBoundVar *v = &T->match->vars[i];
        if (!v->pattern && strcmp(v->name, name) == 0)
            return v;
    }
    for (uint32_t i = 0; i < T->match->nvars; i++) {
        const TcBoundVar *v = &T->match->vars[i];
        size_t n = strlen(v->name);
        if (v->pattern && strncmp(v->name, name, n) == 0 && name[n] &&
            strspn(name + n, "0123456789") == strlen(name + n)) {
            *pattern = true;
            return v;
        }
    }
    return NULL;
}

static const TcBoundFn *bound_fn(const Tc *T, const char *name)
{
    for (uint32_t i = 0; T->match && i < T->match->nfns; i++)
        if (strcmp(T->match->fns[i].name, name) == 0)
            return &T->match->fns[i];
    return NULL;
}

/* A type bound of the current probe naming `name`, if any. */
static const Param *type_bound(const Tc *T, const char *name)
{
    for (uint32_t k = 0; T->probe && k < T->probe->nparts; k++)
        for (uint32_t i = 0; i < T->probe->bounds[k].n; i++)
            if (strcmp(T->probe->bounds[k].v[i].name, name) == 0)
                return &T->probe->bounds[k].v[i];
    return NULL;
}

/* The globals are hashed: a script of 50k of them is checked in linear
 * time, not quadratic (they are unique, declare() refuses duplicates). */
static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

static Sym *find_global(Tc *T, const char *name)
{
    for (uint32_t h = name_hash(name); T->gcap; h++) {
        uint32_t k = T->gslot[h & (T->gcap - 1)];
        if (k == 0)
            return NULL;
        if (strcmp(T->globals.v[k - 1].name, name) == 0)
            return &T->globals.v[k - 1];
    }
    return NULL;
}

static void index_global(Tc *T, uint32_t i)
{
    if ((T->globals.n + 1) * 2 > T->gcap) {
        free(T->gslot);
        T->gcap = T->gcap ? T->gcap * 2 : 64;
        T->gslot = xcalloc(T->gcap, sizeof *T->gslot);
        for (uint32_t k = 0; k < T->globals.n; k++)
            if (k != i)
                index_global(T, k);
    }
    uint32_t h = name_hash(T->globals.v[i].name);
    while (T->gslot[h & (T->gcap - 1)])
        h++;
    T->gslot[h & (T->gcap - 1)] = i + 1;
}

static void free_globals(Tc *T)
{
    vec_free(T->globals);
    free(T->gslot);
    T->gslot = NULL;
    T->gcap = 0;
}

/* Any visible symbol but bound variables. */
static Sym *lookup(Tc *T, const char *name)
{
    Sym *s = find_in(&T->locals, name);
    if (!s)
        s = find_global(T, name);
    if (!s)
        s = find_in(&T->builtins, name);
    return s;
}

static void declare(Tc *T, SymVec *where, Sym s)
{
    bool pattern;
    Sym *old = lookup(T, s.name);
    if (old && old->span.file) {
        Diag *d = report(T, DIAG_DUPLICATE, s.span,
                         "`%s` is already declared", s.name);
        if (d)
            diag_note(T->sink, d, old->span, "`%s` was first declared here",
                      s.name);
        return;
    }
    if (old || bound_var(T, s.name, &pattern) || bound_fn(T, s.name)) {
        report(T, DIAG_COMPILER_NAME, s.span, "`%s` is already defined by "
               "whamm or the provider (a bound variable or a built-in); "
               "choose another name", s.name);
        return;
    }
    vec_push(*where, s);
    if (where == &T->globals)
        index_global(T, where->n - 1);
}

static Sym var_sym(const char *name, SymKind k, const Type *t, Span sp)
{
    Sym s;
    memset(&s, 0, sizeof s);
    s.name = name;
    s.kind = k;
    s.ty = t;
    s.span = sp;
    return s;
}

/* Built-in functions and APP_MEMID, as "name(T,...)->R" rows.
 * `memid` takes a library name: its parameter is checked specially. */
static const char *const builtin_fns[] = {
    "strcmp((i32,i32),str)->bool", "strcontains((i32,i32),str)->bool",
    "memid(u32)->u32", "memcpy(u32,u32,u32,u32,u32)->()",
    "active_data_start(u32)->u32", "active_data_len(u32)->u32",
    "page_size(u32)->u32", "mem_size(u32)->u32",
    "write_str(u32,i32,str)->()", "read_str(u32,i32,u32)->str",
};

/* Parses "name(T,...)->R" into a function symbol. */
static Sym fn_sym(Arena *a, const char *row, SymKind kind)
{
    Sym s = var_sym(NULL, kind, NULL, (Span){0});
    const char *lp = strchr(row, '('), *arrow = strstr(row, "->");
    s.name = arena_strndup(a, row, (size_t)(lp - row));
    size_t eo;
    char err[8];
    const Type *p = ty_parse(a, lp, (size_t)(arrow - lp), false, &eo, err,
                             sizeof err);
    s.params = p->n ? p->elems : NULL;
    s.nparams = p->n;
    s.ty = ty_parse(a, arrow + 2, strlen(arrow + 2), false, &eo, err,
                    sizeof err);
    return s;
}

static void add_builtins(Tc *T)
{
    for (size_t i = 0; i < ARRAY_LEN(builtin_fns); i++)
        vec_push(T->builtins, fn_sym(T->a, builtin_fns[i], SYM_BUILTIN));
    vec_push(T->builtins, var_sym("APP_MEMID", SYM_BOUND_STATIC,
                                  ty_prim(TY_U32), (Span){0}));
}

/* whamm_core exports (docs/instr.md "whamm_core"): Wasm-typed signatures.
 * mem_alloc (bytes -> address) and mem_free (address) manage memory in
 * whamm's own region; the emitter provides them like the rest. */
static const char *const core_lib_fns[] = {
    "putc(i32)->()", "puts(i32,i32)->()", "putu8(i32)->()",
    "puti8(i32)->()", "putu16(i32)->()", "puti16(i32)->()",
    "putu32(i32)->()", "puti32(i32)->()", "putu64(i64)->()",
    "puti64(i64)->()", "putf32(f32)->()", "putf64(f64)->()",
    "putbool(i32)->()", "print_map(i32)->()", "print_map_as_csv(i32)->()",
    "mem_alloc(i32)->i32", "mem_free(i32)->()",
};

/* String methods. */
static const char *const str_methods[] = {
    "len()->u32", "addr()->u32", "starts_with(str)->bool",
    "ends_with(str)->bool", "contains(str)->bool",
};

/* ---- "did you mean" ------------------------------------------------------- */

static void consider(const char *name, const char *cand, const char **best,
                     unsigned *bestd)
{
    unsigned d = str_edit_distance(name, cand, false);
    if (d < *bestd && strcmp(name, cand) != 0) {
        *bestd = d;
        *best = cand;
    }
}

static const char *similar(const Tc *T, const char *name)
{
    const char *best = NULL;
    unsigned bestd = strlen(name) >= 3 ? 3 : 2;
    const SymVec *vs[] = {&T->locals, &T->globals, &T->builtins};
    for (size_t k = 0; k < 3; k++)
        for (uint32_t i = 0; i < vs[k]->n; i++)
            consider(name, vs[k]->v[i].name, &best, &bestd);
    for (uint32_t i = 0; T->match && i < T->match->nvars; i++)
        if (!T->match->vars[i].pattern)
            consider(name, T->match->vars[i].name, &best, &bestd);
    return best;
}

/* The closest function name: the script's `fn`s, whamm's built-ins and
 * the expansion's bound functions. */
static const char *similar_fn(const Tc *T, const char *name)
{
    const char *best = NULL;
    unsigned bestd = strlen(name) >= 3 ? 3 : 2;
    const SymVec *vs[] = {&T->globals, &T->builtins};
    for (size_t k = 0; k < 2; k++)
        for (uint32_t i = 0; i < vs[k]->n; i++)
            if (vs[k]->v[i].kind == SYM_FN || vs[k]->v[i].kind == SYM_BUILTIN)
                consider(name, vs[k]->v[i].name, &best, &bestd);
    for (uint32_t i = 0; T->match && i < T->match->nfns; i++)
        consider(name, T->match->fns[i].name, &best, &bestd);
    return best;
}

/* ---- names ------------------------------------------------------------------ */

/* The rule text with a type bound on the event part, for hints. */
static const char *bound_hint(Tc *T, const char *name)
{
    Buf b;
    buf_init(&b);
    uint32_t at = T->probe->nparts >= 3 ? 2 : 0;
    for (uint32_t k = 0; k < T->probe->nparts; k++) {
        const ParamList *pl = &T->probe->bounds[k];
        buf_printf(&b, "%s%s", k ? ":" : "", T->probe->part[k]);
        if (k != at && !pl->n)
            continue;
        buf_push(&b, '(');
        for (uint32_t i = 0; i < pl->n; i++) {
            buf_printf(&b, "%s: ", pl->v[i].name);
            ty_print(&b, pl->v[i].ty);
            buf_printf(&b, ", ");
        }
        if (k == at)
            buf_printf(&b, "%s: i32", name);
        else
            b.len -= 2;
        buf_push(&b, ')');
    }
    const char *s = arena_strndup(T->a, (const char *)b.data, b.len);
    buf_fini(&b);
    return s;
}

/* How many concrete `prefixN` variables the expansion binds. */
static unsigned count_prefixed(const Tc *T, const char *prefix)
{
    unsigned n = 0;
    size_t pl = strlen(prefix);
    for (uint32_t i = 0; i < T->match->nvars; i++) {
        const char *v = T->match->vars[i].name;
        if (!T->match->vars[i].pattern && strncmp(v, prefix, pl) == 0 &&
            v[pl] && strspn(v + pl, "0123456789") == strlen(v + pl))
            n++;
    }
    return n;
}

static void unknown_name(Tc *T, const Expr *e)
{
    const char *n = e->name;
    size_t pl = strcspn(n, "0123456789");
    bool numbered = pl > 0 && n[pl] && strspn(n + pl, "0123456789") ==
                                           strlen(n + pl);
    if (T->match && numbered) {
        Diag *d = report(T, DIAG_UNBOUND_VAR, e->span, "unknown bound "
                         "variable `%s` for `%s`", n, T->match->rule);
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%.*s", (int)(pl < 31 ? pl : 31), n);
        unsigned c = count_prefixed(T, prefix);
        if (d && strcmp(prefix, "arg") == 0)
            diag_note(T->sink, d, (Span){0}, "`%s` is not available: `%s` "
                      "has %u argument%s", n, T->match->event, c,
                      c == 1 ? "" : "s");
        else if (d)
            diag_note(T->sink, d, (Span){0}, "`%s` is not available for "
                      "`%s`", n, T->match->event);
        return;
    }
    Diag *d = report(T, DIAG_UNKNOWN_NAME, e->span,
                     "`%s` is not declared", n);
    const char *s = d ? similar(T, n) : NULL;
    if (s)
        diag_note(T->sink, d, (Span){0}, "did you mean `%s`?", s);
}

/* resN is what the instruction leaves on the stack: it exists after the
 * instruction, so a probe of any other mode would match no site.  The one
 * rule of which bound variable exists in which mode: `whamm info` lists
 * a variable for a mode only if this says so. */
static bool is_result_name(const char *s, size_t len)
{
    return len > 3 && strncmp(s, "res", 3) == 0 &&
           strspn(s + 3, "0123456789") == len - 3;
}

/* Whether a derived variable's definition reads a result (`res0 == -1`). */
static bool reads_result(const char *text)
{
    for (const char *p = text; *p;) {
        size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
        if (n == 0) {
            p++;
            continue;
        }
        if (!isdigit((unsigned char)*p) && is_result_name(p, n))
            return true;
        p += n;
    }
    return false;
}

bool tc_var_in_mode(const char *name, bool dynamic, const char *derived_from,
                    const char *mode)
{
    bool result = (dynamic && is_result_name(name, strlen(name))) ||
                  (derived_from && reads_result(derived_from));
    return !result || strcmp(mode, "after") == 0;
}

static void result_mode_ok(Tc *T, const Expr *e, const TcBoundVar *v)
{
    const char *n = e->name, *mode = strrchr(T->match->rule, ':');
    const char *derived = v->life == TC_DERIVED ? v->derived_from : NULL;
    if (!mode || tc_var_in_mode(n, v->life == TC_DYNAMIC, derived, mode + 1))
        return;
    Diag *d = derived
        ? report(T, DIAG_UNBOUND_VAR, e->span, "`%s` (= %s) is computed "
                 "from a result of the instruction: it exists only in "
                 "`after` probes, not in `%s`", n, derived, mode + 1)
        : report(T, DIAG_UNBOUND_VAR, e->span, "`%s` is a result of the "
                 "instruction: it exists only in `after` probes, not in "
                 "`%s`", n, mode + 1);
    if (d)
        diag_note(T->sink, d, (Span){0}, "use the mode `after` (e.g. "
                  "`wasm:opcode:%s:after`)", T->match->event);
}

/* The type of a bound variable used at e (type bounds win). */
static const Type *bound_type(Tc *T, Expr *e, const TcBoundVar *v,
                              bool pattern)
{
    result_mode_ok(T, e, v);
    const Param *tb = type_bound(T, e->name);
    e->sym = v->life == TC_STATIC ? SYM_BOUND_STATIC
             : v->life == TC_DYNAMIC ? SYM_BOUND_DYNAMIC : SYM_BOUND_DERIVED;
    if (tb)
        return tb->ty;
    if (v->ty->kind != TY_UNKNOWN)
        return v->ty;
    Diag *d = report(T, DIAG_NEEDS_BOUND, e->span, "the type of `%s` is not "
                     "known for `%s`", e->name, T->match->rule);
    if (d)
        diag_note(T->sink, d, (Span){0}, "declare a type bound: `%s`",
                  bound_hint(T, e->name));
    (void)pattern;
    return unknown();
}

/* Lookup order is the scope chain: locals, then the bound
 * items of the expansion, then script globals, then whamm built-ins. */
static const Type *check_id(Tc *T, Expr *e)
{
    bool pattern;
    const TcBoundVar *v = find_in(&T->locals, e->name)
                              ? NULL : bound_var(T, e->name, &pattern);
    if (v)
        return bound_type(T, e, v, pattern);
    Sym *s = lookup(T, e->name);
    if (s && !s->params && s->kind != SYM_FN && s->kind != SYM_BUILTIN &&
        s->kind != SYM_LIB) {
        e->sym = s->kind;
        return s->ty;
    }
    if (s) {
        report(T, DIAG_TYPE_MISMATCH, e->span, "`%s` is a %s, not a "
               "variable", e->name, s->kind == SYM_LIB ? "library"
                                                      : "function");
        return unknown();
    }
    unknown_name(T, e);
    return unknown();
}

/* ---- literals and conversions --------------------------------------------- */

/* The literal a bound variable stands for in this expansion, or NULL.
 * A literal `derived_from` (`bytecode`, `opname`,
 * `category_id`, ... of an opcode event) makes the name a constant that
 * the reference substitutes before type checking: it keeps its declared
 * type, but converts implicitly as a literal does, so
 * `var v: i16 = bytecode;` is valid while `var v: i16 = fid;` is not.
 * Each expansion has its own values, hence the lookup per match. */
static const Expr *bound_const(Tc *T, const Expr *e)
{
    bool pattern;
    if (e->kind != EX_ID || (e->sym != SYM_BOUND_STATIC &&
                             e->sym != SYM_BOUND_DERIVED))
        return NULL;
    const TcBoundVar *v = bound_var(T, e->name, &pattern);
    if (!v || pattern || !v->literal)
        return NULL;
    for (uint32_t i = 0; i < T->consts.n; i++)
        if (T->consts.v[i].var == v)
            return T->consts.v[i].lit;
    DiagSink quiet; /* the provider's text, not the script's */
    diag_init(&quiet);
    ConstLit c = {v, parse_expr_text(T->a, &quiet, "derived_from",
                                     v->literal, strlen(v->literal))};
    diag_fini(&quiet);
    vec_push(T->consts, c);
    return c.lit;
}

static bool is_literal(Tc *T, const Expr *e)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL:
        return true;
    case EX_ID:
        return bound_const(T, e) != NULL;
    case EX_TUPLE:
        for (uint32_t i = 0; i < e->nargs; i++)
            if (!is_literal(T, e->args[i]))
                return false;
        return true;
    case EX_TERNARY:
        return is_literal(T, e->b) && is_literal(T, e->c);
    default:
        return false;
    }
}

static bool unknownish(const Type *t) { return t->kind == TY_UNKNOWN; }

/* Whether float literal value v fits the 32/64-bit integer type t after
 * truncation toward zero (else `out of min/max range`). */
static bool float_fits(double v, const Type *t)
{
    if (isnan(v))
        return false;
    double tr = trunc(v);
    unsigned bits = ty_bits(t);
    if (bits < 32)
        return true; /* truncate, then wrap */
    if (ty_is_signed(t))
        return tr >= -ldexp(1, (int)bits - 1) && tr < ldexp(1, (int)bits - 1);
    return tr >= 0 && tr < ldexp(1, (int)bits);
}

static bool convert_const(Tc *T, Expr *e, const Type *t, bool *reported);

/* Gives literal e the type t if a literal of its kind can take it;
 * reports and returns false otherwise (*reported says whether). */
static bool convert_literal(Tc *T, Expr *e, const Type *t, bool *reported)
{
    if (unknownish(t))
        return true;
    switch (e->kind) {
    case EX_INT:
        if (!ty_is_numeric(t))
            return false;
        e->ty = t;
        return true;
    case EX_FLOAT:
        if (!ty_is_numeric(t))
            return false;
        if (ty_is_int(t) && !float_fits(e->fval, t)) {
            report(T, DIAG_IMPLICIT_CAST, e->span, "this number is out of "
                   "the range of %s; convert it explicitly with `as`",
                   tname(T, t));
            *reported = true;
            return false;
        }
        e->ty = t;
        return true;
    case EX_BOOL:
        return t->kind == TY_BOOL;
    case EX_TUPLE:
        if (t->kind != TY_TUPLE || t->n < e->nargs) {
            if (t->kind == TY_TUPLE && t->n < e->nargs) {
                report(T, DIAG_TYPE_MISMATCH, e->span, "this tuple has %u "
                       "elements, but a value of type %s has %u",
                       e->nargs, tname(T, t), t->n);
                *reported = true;
            }
            return false;
        }
        if (t->n != e->nargs)
            return false;
        for (uint32_t i = 0; i < e->nargs; i++)
            if (!ty_equal(e->args[i]->ty, t->elems[i]) &&
                !convert_literal(T, e->args[i], t->elems[i], reported))
                return false;
        e->ty = t;
        return true;
    case EX_TERNARY:
        if (!convert_literal(T, e->b, t, reported) ||
            !convert_literal(T, e->c, t, reported))
            return false;
        e->ty = t;
        return true;
    case EX_ID:
        return convert_const(T, e, t, reported);
    default:
        return false;
    }
}

/* A constant bound variable converts as the literal it stands for; the
 * node stays a name (the emitter substitutes the value with the type
 * given here). */
static bool convert_const(Tc *T, Expr *e, const Type *t, bool *reported)
{
    const Expr *v = bound_const(T, e);
    if (!v)
        return false;
    Expr lit = *v;
    lit.span = e->span;
    if (!convert_literal(T, &lit, t, reported))
        return false;
    e->ty = t;
    return true;
}

/* Whether a value of type `have` (expression e) may be used where `want`
 * is expected, converting literals; false: nothing reported yet unless
 * *reported. */
static bool coerce(Tc *T, Expr *e, const Type *have, const Type *want,
                   bool *reported)
{
    *reported = false;
    if (unknownish(have) || unknownish(want) || ty_equal(have, want))
        return true;
    return is_literal(T, e) && convert_literal(T, e, want, reported);
}

/* The default type of an integer literal without context. */
static const Type *int_default(LangInt v)
{
    if (v >= INT32_MIN && v <= INT32_MAX)
        return ty_prim(TY_I32);
    if (v >= INT64_MIN && v <= INT64_MAX)
        return ty_prim(TY_I64);
    return ty_prim(TY_U64);
}

/* ---- expressions ------------------------------------------------------------ */

static const Type *check(Tc *T, Expr *e, const Type *want);

static const Type *check_literal(Tc *T, Expr *e, const Type *want)
{
    bool rep = false;
    switch (e->kind) {
    case EX_INT:
        e->ty = int_default(e->ival);
        if (want && ty_is_numeric(want))
            convert_literal(T, e, want, &rep);
        return rep ? unknown() : e->ty;
    case EX_FLOAT:
        e->ty = ty_prim(e->is_f64 ? TY_F64 : TY_F32);
        if (want && ty_is_numeric(want) && !convert_literal(T, e, want, &rep))
            return unknown();
        return e->ty;
    case EX_BOOL:
        return ty_prim(TY_BOOL);
    default:
        return ty_prim(TY_STR);
    }
}

static const Type *check_tuple(Tc *T, Expr *e, const Type *want)
{
    if (e->nargs == 0)
        return ty_unit();
    const Type **el = arena_alloc(T->a, sizeof *el * e->nargs);
    for (uint32_t i = 0; i < e->nargs; i++) {
        const Type *w = want && want->kind == TY_TUPLE && i < want->n
                            ? want->elems[i] : NULL;
        el[i] = check(T, e->args[i], w);
    }
    return ty_tuple(T->a, el, e->nargs);
}

/* m[k] (with the reference's map messages); the key is coerced to the key type. */
static const Type *check_index(Tc *T, Expr *e)
{
    const Type *m = check(T, e->a, NULL);
    if (unknownish(m)) {
        check(T, e->b, NULL);
        return unknown();
    }
    if (m->kind != TY_MAP) {
        report(T, DIAG_MAP_TYPE, e->a->span, "only a map can be indexed "
               "with `[...]`, but `%s` has type %s",
               e->a->name ? e->a->name : "this", tname(T, m));
        check(T, e->b, NULL);
        return unknown();
    }
    const Type *k = check(T, e->b, m->key);
    bool rep;
    if (!coerce(T, e->b, k, m->key, &rep) && !rep)
        report(T, DIAG_MAP_TYPE, e->b->span, "a key of type %s cannot index "
               "a map of type %s (its keys are %s)", tname(T, k),
               tname(T, m), tname(T, m->key));
    return m->val;
}

static const Type *check_field(Tc *T, Expr *e)
{
    const Type *t = check(T, e->a, NULL);
    if (unknownish(t))
        return t;
    if (t->kind != TY_TUPLE) {
        report(T, DIAG_TUPLE_INDEX, e->span, "`.%u` reads an element of a "
               "tuple, but this has type %s", e->index, tname(T, t));
        return unknown();
    }
    if (e->index >= t->n) {
        report(T, DIAG_TUPLE_INDEX, e->span, "a tuple of type %s has no "
               "element %u (its elements are numbered from 0 to %u)",
               tname(T, t), e->index, t->n - 1);
        return unknown();
    }
    return t->elems[e->index];
}

/* Arguments against parameter types. */
static void check_args(Tc *T, Expr *e, const Type *const *params,
                       uint32_t np, const char *what)
{
    if (e->nargs != np)
        report(T, DIAG_BAD_CALL, e->span, "%s takes %u argument%s but %u "
               "%s given", what, np, np == 1 ? "" : "s", e->nargs,
               e->nargs == 1 ? "was" : "were");
    for (uint32_t i = 0; i < e->nargs; i++) {
        const Type *w = params && i < np ? params[i] : NULL;
        const Type *t = check(T, e->args[i], w);
        bool rep;
        if (w && !coerce(T, e->args[i], t, w, &rep) && !rep)
            report(T, DIAG_BAD_CALL, e->args[i]->span, "argument %u of %s "
                   "has type %s, but the parameter has type %s", i + 1,
                   what, tname(T, t), tname(T, w));
    }
}

/* memid(lib): its argument names a `use`d library. */
static const Type *check_memid(Tc *T, Expr *e)
{
    Sym *lib = e->nargs == 1 && e->args[0]->kind == EX_ID
                   ? find_global(T, e->args[0]->name) : NULL;
    if (!lib || lib->kind != SYM_LIB)
        report(T, DIAG_BAD_CALL, e->span, "`memid` takes the name of a "
               "library imported with `use`");
    else
        e->args[0]->sym = SYM_LIB;
    e->sym = SYM_BUILTIN;
    return ty_prim(TY_U32);
}

/* Unshared/report initialisers run once at instrumentation start: every
 * compiler function may run there but read_str, which copies app memory.
 * Applies whether it resolved as a provider-bound function (the registry's
 * core items) or a built-in. */
static void check_special_init_call(Tc *T, const Expr *e)
{
    if (T->special_init && strcmp(e->name, "read_str") == 0)
        report(T, DIAG_SPECIAL_INIT, e->span, "the initialiser of a "
               "`report` or `unshared` variable runs once at start-up: it "
               "cannot call `read_str`, which reads the app's memory at run "
               "time; assign the variable in a statement of its own");
}

static const Type *check_call(Tc *T, Expr *e)
{
    if (strcmp(e->name, "memid") == 0 && !lookup(T, "memid")->span.file)
        return check_memid(T, e);
    const TcBoundFn *bf = bound_fn(T, e->name); /* inner to the script */
    Sym *s = bf ? NULL : lookup(T, e->name);
    char what[96];
    snprintf(what, sizeof what, "`%.60s`", e->name);
    if (bf) {
        e->sym = SYM_BUILTIN;
        check_special_init_call(T, e);
        check_args(T, e, bf->params, bf->nparams, what);
        return bf->result;
    }
    if (!s || (s->kind != SYM_FN && s->kind != SYM_BUILTIN)) {
        Diag *d = report(T, DIAG_UNKNOWN_FN, e->name_span,
                         s ? "`%s` is not a function" : "there is no "
                         "function `%s`", e->name);
        const char *near = d && !s ? similar_fn(T, e->name) : NULL;
        if (near)
            diag_note(T->sink, d, (Span){0}, "did you mean `%s`?", near);
        for (uint32_t i = 0; i < e->nargs; i++)
            check(T, e->args[i], NULL);
        return unknown();
    }
    if (s->kind == SYM_FN && T->global)
        report(T, DIAG_SCOPE, e->span, "a function defined with `fn` cannot "
               "be called at the top level of the script, only in probes "
               "and functions");
    check_special_init_call(T, e);
    e->sym = s->kind;
    check_args(T, e, s->params, s->nparams, what);
    return s->ty;
}

/* A method on a str variable. */
static const Type *check_method(Tc *T, Expr *e, const Type *recv)
{
    for (size_t i = 0; recv->kind == TY_STR && i < ARRAY_LEN(str_methods);
         i++) {
        size_t n = strlen(e->name);
        if (strncmp(str_methods[i], e->name, n) == 0 &&
            str_methods[i][n] == '(') {
            Sym m = fn_sym(T->a, str_methods[i], SYM_BUILTIN);
            check_args(T, e, m.params, m.nparams, "this method");
            return m.ty;
        }
    }
    Diag *d = report(T, DIAG_UNKNOWN_FN, e->name_span, "`%s` (of type %s) "
                     "has no method `%s`", e->recv, tname(T, recv), e->name);
    if (d && recv->kind == TY_STR)
        diag_note(T->sink, d, (Span){0}, "a str has the methods len(), "
                  "addr(), starts_with(str), ends_with(str), contains(str)");
    return unknown();
}

/* Arguments of a `@static` call must be known when instrumenting: no probe
 * locals, parameters, dynamic bound variables or map reads. */
static bool static_arg(const Expr *e)
{
    if (!e)
        return true;
    if (e->kind == EX_INDEX || (e->kind == EX_ID &&
                                (e->sym == SYM_LOCAL || e->sym == SYM_PARAM ||
                                 e->sym == SYM_BOUND_DYNAMIC ||
                                 e->sym == SYM_BOUND_DERIVED)))
        return false;
    for (uint32_t i = 0; i < e->nargs; i++)
        if (!static_arg(e->args[i]))
            return false;
    return static_arg(e->a) && static_arg(e->b) && static_arg(e->c);
}

static void check_static_call(Tc *T, const Expr *e)
{
    for (uint32_t i = 0; i < e->nargs; i++)
        if (!static_arg(e->args[i]))
            report(T, DIAG_STATIC_CALL, e->args[i]->span, "an argument "
                   "of a `@static` call must be known when instrumenting "
                   "(literals, globals, static bound variables); this one "
                   "is known only at run time");
}

static const TcLib *find_lib(const Tc *T, const char *name)
{
    for (uint32_t i = 0; i < T->nlibs; i++)
        if (strcmp(T->libs[i].name, name) == 0)
            return &T->libs[i];
    return NULL;
}

static const TcLibFn *find_lib_fn(const TcLib *lib, const char *name)
{
    for (uint32_t i = 0; i < lib->nfns; i++)
        if (strcmp(lib->fns[i].name, name) == 0)
            return &lib->fns[i];
    return NULL;
}

/* lib.fn(...) on a user library given with --user-libs. */
static const Type *check_user_libcall(Tc *T, Expr *e, const TcLib *lib)
{
    const TcLibFn *f = find_lib_fn(lib, e->name);
    if (f && !f->unsupported) {
        check_args(T, e, f->params, f->nparams, "this function");
        return f->result;
    }
    if (f)
        report(T, DIAG_LIB_UNKNOWN, e->name_span, "`%s.%s` cannot be called "
               "from whamm: %s", lib->name, f->name, f->unsupported);
    else
        report(T, DIAG_LIB_UNKNOWN, e->name_span, "library `%s` exports no "
               "function `%s`", lib->name, e->name);
    for (uint32_t i = 0; i < e->nargs; i++)
        check(T, e->args[i], NULL);
    return unknown();
}

/* lib.fn(...) on a `use`d library, or a method on a variable. */
static const Type *check_libcall(Tc *T, Expr *e)
{
    Sym *lib = find_global(T, e->recv);
    const TcLib *user = lib && T->libs_known ? find_lib(T, e->recv) : NULL;
    if (user)
        return check_user_libcall(T, e, user);
    if (lib && lib->kind == SYM_LIB) {
        for (size_t i = 0; strcmp(e->recv, "whamm_core") == 0 &&
                           i < ARRAY_LEN(core_lib_fns); i++) {
            Sym f = fn_sym(T->a, core_lib_fns[i], SYM_LIB);
            if (strcmp(f.name, e->name) == 0) {
                check_args(T, e, f.params, f.nparams, "this function");
                return f.ty;
            }
        }
        if (strcmp(e->recv, "whamm_core") == 0)
            report(T, DIAG_UNKNOWN_FN, e->name_span, "`whamm_core` has no "
                   "function `%s`", e->name);
        for (uint32_t i = 0; i < e->nargs; i++)
            check(T, e->args[i], NULL);
        return unknown(); /* user library: signature from its Wasm later */
    }
    Expr recv = {.kind = EX_ID, .span = e->span, .name = e->recv};
    Sym *s = lookup(T, e->recv);
    bool pattern;
    if (s || bound_var(T, e->recv, &pattern)) {
        /* the receiver, resolved, for the folder and the emitter */
        e->a = arena_dup(T->a, &recv, sizeof recv);
        e->a->ty = check_id(T, e->a);
        return check_method(T, e, e->a->ty);
    }
    Diag *d = report(T, DIAG_UNKNOWN_FN, e->span, "`%s` in `%s.%s(...)` is "
                     "neither a library nor a variable", e->recv, e->recv,
                     e->name);
    if (d)
        diag_note(T->sink, d, (Span){0}, "a library is imported with "
                  "`use %s;` before the first probe", e->recv);
    for (uint32_t i = 0; i < e->nargs; i++)
        check(T, e->args[i], NULL);
    return unknown();
}

static const Type *check_unary(Tc *T, Expr *e, const Type *want)
{
    bool pass = e->uop == UN_BNOT && want && ty_is_int(want);
    const Type *t = check(T, e->a, pass ? want : NULL);
    if (unknownish(t))
        return e->uop == UN_NOT ? ty_prim(TY_BOOL) : t;
    if (e->uop == UN_NOT) {
        if (t->kind != TY_BOOL)
            report(T, DIAG_BAD_OPERAND, e->span, "`!` needs a bool "
                   "operand, found %s", tname(T, t));
        return ty_prim(TY_BOOL);
    }
    if (!ty_is_int(t)) {
        report(T, DIAG_BAD_OPERAND, e->span, "`~` needs an integer "
               "operand, found %s", tname(T, t));
        return unknown();
    }
    return t;
}

static const char *const op_spelling[] = {
#define BINOP(Name, tok, prio, foldable, spelling) spelling,
#include "binops.def"
};
_Static_assert(ARRAY_LEN(op_spelling) == BIN_COUNT, "binop spellings");

static bool is_zero_int(const Expr *e)
{
    return e->kind == EX_INT && e->ival == 0;
}

/* && ||: both bool. */
static const Type *check_logic(Tc *T, Expr *e)
{
    const Type *l = check(T, e->a, ty_prim(TY_BOOL));
    const Type *r = check(T, e->b, ty_prim(TY_BOOL));
    if (unknownish(l) || unknownish(r))
        return ty_prim(TY_BOOL);
    if (!ty_equal(l, r))
        report(T, DIAG_BAD_OPERAND, e->span, "the operands of `%s` have "
               "different types: %s and %s", op_spelling[e->bop],
               tname(T, l), tname(T, r));
    else if (l->kind != TY_BOOL)
        report(T, DIAG_BAD_OPERAND, e->span, "`&&` and `||` need bool "
               "operands, found %s", tname(T, l));
    return ty_prim(TY_BOOL);
}

/* The right operand is coerced to the left's type. */
static const Type *check_operands(Tc *T, Expr *e, const Type *want)
{
    const Type *l = check(T, e->a, want);
    const Type *r = check(T, e->b, unknownish(l) ? want : l);
    bool rep;
    if (!coerce(T, e->b, r, l, &rep)) {
        if (!rep)
            report(T, DIAG_IMPLICIT_CAST, e->b->span, "the operands of `%s` "
                   "have different types, %s and %s, and whamm does not "
                   "convert between them implicitly; convert one with `as`",
                   op_spelling[e->bop], tname(T, l), tname(T, r));
        return unknown();
    }
    return unknownish(l) ? r : l;
}

static const Type *check_binary(Tc *T, Expr *e, const Type *want)
{
    BinOp op = e->bop;
    if (op == BIN_AND || op == BIN_OR)
        return check_logic(T, e);
    bool cmp = op >= BIN_EQ && op <= BIN_LT;
    const Type *t = check_operands(T, e, cmp || (want && !ty_is_numeric(
                                                  want)) ? NULL : want);
    if ((op == BIN_DIV || op == BIN_REM) && is_zero_int(e->b))
        report(T, DIAG_DIV_ZERO, e->b->span, "division by zero");
    if (unknownish(t))
        return cmp ? ty_prim(TY_BOOL) : t;
    if ((op == BIN_EQ || op == BIN_NE) && t->kind == TY_MAP)
        report(T, DIAG_MAP_WHOLE, e->span, "maps cannot be compared with "
               "`%s`; compare their entries", op == BIN_EQ ? "==" : "!=");
    if ((op == BIN_EQ || op == BIN_NE) && t->kind == TY_FUNCREF)
        report(T, DIAG_BAD_OPERAND, e->span, "funcref values cannot be "
               "compared with `%s` (Wasm cannot compare function "
               "references); compare `resolved_fid` instead",
               op == BIN_EQ ? "==" : "!=");
    if (op == BIN_EQ || op == BIN_NE)
        return ty_prim(TY_BOOL);
    if (cmp) {
        if (!ty_is_numeric(t))
            report(T, DIAG_BAD_OPERAND, e->span, "`%s` compares numbers, "
                   "not values of type %s", op_spelling[op], tname(T, t));
        return ty_prim(TY_BOOL);
    }
    bool ok = op <= BIN_SHR && op != BIN_EQ ? ty_is_int(t) : ty_is_numeric(t);
    if (!ok) {
        report(T, DIAG_BAD_OPERAND, e->span, "`%s` cannot be applied to "
               "a value of type %s (it needs %s)", op_spelling[op],
               tname(T, t), op <= BIN_SHR ? "integers" : "numbers");
        return unknown();
    }
    return t;
}

/* `e as T` converts numbers and bools into each other; anything else
 * (a str, a funcref, a tuple, a map) only "converts" to its own type. */
static void check_cast(Tc *T, Expr *e)
{
    const Type *from = check(T, e->a, NULL), *to = e->cast_ty;
    bool scalar = (ty_is_numeric(from) || from->kind == TY_BOOL) &&
                  (ty_is_numeric(to) || to->kind == TY_BOOL);
    if (unknownish(from) || scalar || ty_equal(from, to))
        return;
    report(T, DIAG_BAD_OPERAND, e->span, "cannot convert a value of type "
           "%s to %s with `as`: only numbers and bools convert",
           tname(T, from), tname(T, to));
}

static const Type *check_ternary(Tc *T, Expr *e, const Type *want)
{
    const Type *c = check(T, e->a, ty_prim(TY_BOOL));
    if (!unknownish(c) && c->kind != TY_BOOL)
        report(T, DIAG_CONDITION, e->a->span, "the condition of `? :` "
               "must be a bool, found %s", tname(T, c));
    const Type *a = check(T, e->b, want);
    const Type *b = check(T, e->c, unknownish(a) ? want : a);
    bool rep;
    if (coerce(T, e->c, b, a, &rep))
        return unknownish(a) ? b : a;
    if (!rep && coerce(T, e->b, a, b, &rep))
        return b;
    if (!rep)
        report(T, DIAG_TYPE_MISMATCH, e->span, "the two values of `? :` "
               "must have the same type, found %s and %s", tname(T, a),
               tname(T, b));
    return unknown();
}

/* A name; a constant bound variable takes the expected type as its
 * literal would (check_literal). */
static const Type *check_name(Tc *T, Expr *e, const Type *want)
{
    const Type *t = check_id(T, e);
    if (!want || !ty_is_numeric(want) || !bound_const(T, e))
        return t;
    bool rep = false;
    e->ty = t;
    if (convert_const(T, e, want, &rep))
        return want;
    return rep ? unknown() : t;
}

static const Type *check_kind(Tc *T, Expr *e, const Type *want)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL: case EX_STR:
        return check_literal(T, e, want);
    case EX_ID: return check_name(T, e, want);
    case EX_TUPLE: return check_tuple(T, e, want);
    case EX_INDEX: return check_index(T, e);
    case EX_FIELD: return check_field(T, e);
    case EX_CALL: return check_call(T, e);
    case EX_LIBCALL: {
        if (e->annot && strcmp(e->annot, "init") == 0)
            report(T, DIAG_ANNOTATION, e->span, "@init must be written as "
                   "its own statement (e.g. @init foo.bar()), not inside "
                   "assignments or function calls");
        const Type *t = check_libcall(T, e);
        if (e->annot && strcmp(e->annot, "static") == 0)
            check_static_call(T, e);
        return t;
    }
    case EX_UNARY: return check_unary(T, e, want);
    case EX_BINARY: return check_binary(T, e, want);
    case EX_CAST:
        check_cast(T, e);
        return e->cast_ty;
    case EX_TERNARY: return check_ternary(T, e, want);
    default: return unknown();
    }
}

/* Checks e with an expected type (or NULL) and records its type
 * (literals record their own, as conversions retype them later). */
static const Type *check(Tc *T, Expr *e, const Type *want)
{
    const Type *t = check_kind(T, e, want);
    if (e->kind != EX_INT && e->kind != EX_FLOAT)
        e->ty = t;
    return t;
}

/* A top-level `@init` call statement is fine. */
static const Type *check_stmt_call(Tc *T, Expr *e)
{
    if (e->kind == EX_LIBCALL && e->annot && strcmp(e->annot, "init") == 0) {
        e->ty = check_libcall(T, e);
        return e->ty;
    }
    return check(T, e, NULL);
}

/* ---- statements ------------------------------------------------------------- */

static void check_block(Tc *T, const Block *b);

/* Value `e` into a place (`what`: "a variable") of type `want`. */
static void assign_value(Tc *T, Expr *e, const Type *want, const char *what)
{
    const Type *t = check(T, e, want);
    bool rep;
    if (!coerce(T, e, t, want, &rep) && !rep)
        report(T, DIAG_TYPE_MISMATCH, e->span, "cannot assign a value of "
               "type %s to %s of type %s", tname(T, t), what,
               tname(T, want));
}

/* Whether t holds a funcref anywhere (tuple elements, map keys/values). */
static bool has_funcref(const Type *t)
{
    if (t->kind == TY_FUNCREF)
        return true;
    if (t->kind == TY_MAP)
        return has_funcref(t->key) || has_funcref(t->val);
    for (uint32_t i = 0; t->kind == TY_TUPLE && i < t->n; i++)
        if (has_funcref(t->elems[i]))
            return true;
    return false;
}

/* What a map type may not be: REF's two declaration rules, then
 * what the run time's maps hold: plain data, which a map id or a
 * funcref (a reference, not bytes) is not.  NULL: fine at this level. */
static const char *map_problem(const Type *t, DiagKind *code)
{
    *code = DIAG_BAD_TYPE;
    if (t->key->kind == TY_MAP)
        return "a map key cannot be a map";
    *code = DIAG_RUNTIME_TYPE;
    if (t->val->kind == TY_MAP)
        return "maps of maps are not supported";
    if (has_funcref(t->key) || has_funcref(t->val))
        return "map keys and values cannot contain `funcref`";
    return NULL;
}

/* Declared types: maps as map_problem says; tuples hold no maps
 * (REF) and no funcrefs (their elements are stored as bytes).  One error
 * per declaration, for the outermost problem. */
static bool valid_type(Tc *T, const Type *t, Span sp)
{
    DiagKind code;
    const char *why = t->kind == TY_MAP ? map_problem(t, &code) : NULL;
    if (why) {
        report(T, code, sp, "%s", why);
        return false;
    }
    if (t->kind == TY_MAP)
        return valid_type(T, t->key, sp) && valid_type(T, t->val, sp);
    if (t->kind == TY_TUPLE && ty_wasm_values(t) > TY_MAX_WASM_VALUES) {
        report(T, DIAG_RUNTIME_TYPE, sp, "`%s` is too big: it takes %u Wasm "
               "values, and a value can take at most %u (a str takes 2)",
               tname(T, t), ty_wasm_values(t), TY_MAX_WASM_VALUES);
        return false;
    }
    for (uint32_t i = 0; t->kind == TY_TUPLE && i < t->n; i++) {
        const Type *el = t->elems[i];
        if (el->kind == TY_MAP || el->kind == TY_FUNCREF) {
            report(T, el->kind == TY_MAP ? DIAG_BAD_TYPE
                                         : DIAG_RUNTIME_TYPE, sp,
                   "a tuple cannot contain %s", el->kind == TY_MAP
                                                ? "a map" : "a funcref");
            return false;
        }
        if (!valid_type(T, el, sp))
            return false;
    }
    return true;
}

/* Where a map may be declared: at the top level, or in a probe as an
 * `unshared`/`report` variable (one map per match site, kept across
 * executions).  A plain probe local or a function local would be a new
 * map on every execution, which nothing creates or frees at run time.
 * (Special declarations in a function are already an error.) */
static void map_place_ok(Tc *T, const Stmt *s, bool special)
{
    if (s->decl_ty->kind != TY_MAP || T->global || special)
        return;
    Diag *d = report(T, DIAG_MAP_PLACE, s->span, T->fn
                     ? "a map cannot be declared in a function"
                     : "a map declared in a probe must be `unshared` or "
                       "`report`");
    if (d && T->fn)
        diag_note(T->sink, d, (Span){0}, "declare `%s: %s` at the top "
                  "level of the script", s->name, tname(T, s->decl_ty));
    else if (d)
        diag_note(T->sink, d, (Span){0}, "write `unshared var %s: %s;` "
                  "(one map per match site) or declare it at the top level",
                  s->name, tname(T, s->decl_ty));
}

/* The receiver of a method call on a probe local (`s.len()`).  REF
 * resolves it as the object of the call, not as a read of a variable, so
 * its probe-local rule never sees it: `report var l: u32 = s.len();` is
 * accepted (the initialiser runs once at start, before any execution of
 * the probe, where `s` can only have its default value). */
static bool local_receiver(const Expr *e, const Expr *parent)
{
    return parent && parent->kind == EX_LIBCALL && e == parent->a &&
           e->sym == SYM_LOCAL;
}

/* An `unshared`/`report` variable declared before the one being
 * initialised (self): the emitter runs slot initialisers in declaration
 * order, so its value is set by then. */
static bool earlier_special(Tc *T, const Expr *e, const char *self)
{
    const Sym *v = find_in(&T->locals, e->name);
    return v && v->special && strcmp(e->name, self) != 0;
}

/* unshared/report initialisers use no probe-local or dynamic data
 * (but may read the unshared/report variables declared before). */
static void special_init_in(Tc *T, const Expr *e, const Expr *parent,
                            const char *self)
{
    if (!e || local_receiver(e, parent))
        return;
    if (e->kind == EX_ID && e->sym == SYM_LOCAL && earlier_special(T, e, self))
        return;
    if (e->kind == EX_ID && (e->sym == SYM_LOCAL ||
                             e->sym == SYM_BOUND_DYNAMIC ||
                             e->sym == SYM_BOUND_DERIVED))
        report(T, DIAG_SPECIAL_INIT, e->span, "the initialiser of a "
               "`report` or `unshared` variable runs once at start-up, "
               "before the probe: it cannot read `%s`, which has a value "
               "only when the probe runs; assign the variable in a "
               "statement of its own", e->name);
    special_init_in(T, e->a, e, self);
    special_init_in(T, e->b, e, self);
    special_init_in(T, e->c, e, self);
    for (uint32_t i = 0; i < e->nargs; i++)
        special_init_in(T, e->args[i], e, self);
}

static void special_init_ok(Tc *T, const Stmt *decl)
{
    special_init_in(T, decl->rhs, NULL, decl->name);
}

/* A map value is only ever copied from a bound map (`unshared var m:
 * map<u32, u32> = targets;` makes the site's map from br_table's
 * targets): assigning a map variable to another would make two names for
 * one map.  decl: rhs initialises a declaration. */
static void map_copy_ok(Tc *T, const Expr *rhs, const Type *want, bool decl)
{
    if (!want || want->kind != TY_MAP || unknownish(rhs->ty))
        return;
    if (decl && rhs->kind == EX_ID && rhs->sym == SYM_BOUND_STATIC)
        return;
    Diag *d = report(T, DIAG_MAP_WHOLE, rhs->span, "a map cannot be "
                     "assigned as a whole");
    if (d)
        diag_note(T->sink, d, (Span){0}, "assign its entries instead: "
                  "`m[key] = value;`");
}

static void check_decl(Tc *T, Stmt *s)
{
    bool special = s->is_report || s->is_unshared;
    if (special && T->fn)
        report(T, DIAG_SCOPE, s->span, "`report` and `unshared` variables "
               "cannot be declared in a function");
    if (valid_type(T, s->decl_ty, s->span))
        map_place_ok(T, s, special);
    if (special && s->decl_ty->kind == TY_FUNCREF)
        report(T, DIAG_RUNTIME_TYPE, s->span, "%s variable cannot hold "
               "a funcref: whamm keeps those in memory, and a function "
               "reference is not bytes (keep `resolved_fid` instead)",
               s->is_report ? "a `report`" : "an `unshared`");
    if (!T->global) {
        Sym v = var_sym(s->name, SYM_LOCAL, s->decl_ty, s->name_span);
        v.special = special;
        declare(T, &T->locals, v);
    }
    if (!s->rhs)
        return;
    T->special_init = special && T->probe;
    assign_value(T, s->rhs, s->decl_ty, "a variable");
    map_copy_ok(T, s->rhs, s->decl_ty, true);
    if (T->special_init)
        special_init_ok(T, s);
    T->special_init = false;
}

/* The type of an assignment target. */
static const Type *place_type(Tc *T, Expr *lhs)
{
    const Type *t = check(T, lhs, NULL);
    if (lhs->kind == EX_ID && (lhs->sym == SYM_FN || lhs->sym == SYM_LIB))
        return unknown();
    return t;
}

static void check_return(Tc *T, Stmt *s)
{
    if (T->global) {
        report(T, DIAG_SCOPE, s->span, "`return` is only allowed in a "
               "function or a probe body");
        return;
    }
    const Type *want = T->fn ? (T->fn->ret ? T->fn->ret : ty_unit()) : NULL;
    const Type *t = s->rhs ? check(T, s->rhs, want) : ty_unit();
    T->saw_return = true;
    if (!T->fn)
        return; /* a probe returns whatever `alt` pushes */
    bool rep = false;
    bool ok = s->rhs ? coerce(T, s->rhs, t, want, &rep)
                     : ty_equal(want, t) || unknownish(want);
    if (!ok && !rep)
        report(T, DIAG_RETURN_TYPE, s->span, "`%s` is declared to return "
               "%s, but this returns %s", T->fn->name, tname(T, want),
               tname(T, t));
    T->saw_return = true;
}

static void check_cond(Tc *T, Expr *c, const char *what)
{
    const Type *t = check(T, c, ty_prim(TY_BOOL));
    if (!unknownish(t) && t->kind != TY_BOOL)
        report(T, DIAG_CONDITION, c->span, "%s must be a bool, found %s",
               what, tname(T, t));
}

static void check_stmt(Tc *T, Stmt *s)
{
    switch (s->kind) {
    case ST_DECL: check_decl(T, s); break;
    case ST_ASSIGN: {
        const Type *want = place_type(T, s->lhs);
        assign_value(T, s->rhs, want, s->lhs->kind == EX_INDEX
                                      ? "a map entry"
                                      : s->lhs->kind == EX_FIELD
                                      ? "a tuple element" : "a variable");
        map_copy_ok(T, s->rhs, want, false);
        break;
    }
    case ST_INCR:
    case ST_DECR: {
        const Type *t = place_type(T, s->lhs);
        if (!unknownish(t) && !ty_is_numeric(t))
            report(T, DIAG_BAD_OPERAND, s->span, "`%s` needs a numeric "
                   "variable, found %s", s->kind == ST_INCR ? "++" : "--",
                   tname(T, t));
        break;
    }
    case ST_CALL: check_stmt_call(T, s->rhs); break;
    case ST_IF:
        check_cond(T, s->rhs, "the condition of `if`");
        check_block(T, &s->then_b);
        check_block(T, &s->else_b);
        break;
    case ST_RETURN: check_return(T, s); break;
    default: break;
    }
}

static bool stmt_is_code(const Stmt *s)
{
    return s->kind != ST_DECL || s->rhs;
}

static void check_block(Tc *T, const Block *b)
{
    bool returned = false;
    for (uint32_t i = 0; i < b->n; i++) {
        if (returned && stmt_is_code(b->v[i])) {
            report(T, DIAG_UNREACHABLE, b->v[i]->span, "unreachable code: "
                   "the statements after `return` are never executed");
            returned = false; /* once per block */
        }
        check_stmt(T, b->v[i]);
        if (b->v[i]->kind == ST_RETURN)
            returned = true;
    }
}

/* ---- top level ------------------------------------------------------------ */

/* First pass: globals, functions and libraries, so that every probe and
 * function sees all of them whatever their order (as REF's symbol table). */
/* `use NAME;` when the libraries are known: NAME must have been given. */
static void check_use(Tc *T, const Stmt *st)
{
    if (!T->libs_known || strcmp(st->name, "whamm_core") == 0 ||
        find_lib(T, st->name))
        return;
    Diag *d = report(T, DIAG_LIB_UNKNOWN, st->name_span, "the script uses "
                     "the library `%s`, but it was not given", st->name);
    if (d)
        diag_note(T->sink, d, (Span){0}, "give it with `--user-libs "
                  "%s=path/to/%s.wasm`", st->name, st->name);
}

static bool declares(const Item *it)
{
    return it->kind == ITEM_FN || (it->kind == ITEM_STMT &&
           (it->stmt->kind == ST_USE || it->stmt->kind == ST_DECL));
}

static void list_decls(Script *s, Arena *a)
{
    s->decls = arena_alloc(a, sizeof *s->decls * (s->nitems + 1));
    s->ndecls = 0;
    for (uint32_t i = 0; i < s->nitems; i++)
        if (declares(&s->items[i]))
            s->decls[s->ndecls++] = i;
}

static void declare_globals(Tc *T)
{
    const Script *sc = T->script;
    uint32_t n = sc->decls ? sc->ndecls : sc->nitems;
    for (uint32_t j = 0; j < n; j++) {
        const Item *it = &sc->items[sc->decls ? sc->decls[j] : j];
        if (it->kind == ITEM_FN) {
            Sym f = var_sym(it->fn->name, SYM_FN, it->fn->ret ? it->fn->ret
                            : ty_unit(), it->fn->span);
            const Type **p = arena_alloc(T->a, sizeof *p *
                                         (it->fn->params.n + 1));
            for (uint32_t k = 0; k < it->fn->params.n; k++)
                p[k] = it->fn->params.v[k].ty;
            f.params = p;
            f.nparams = it->fn->params.n;
            declare(T, &T->globals, f);
        } else if (it->kind == ITEM_STMT && it->stmt->kind == ST_USE) {
            declare(T, &T->globals, var_sym(it->stmt->name, SYM_LIB,
                                            unknown(), it->stmt->name_span));
            check_use(T, it->stmt);
        } else if (it->kind == ITEM_STMT && it->stmt->kind == ST_DECL) {
            Stmt *s = it->stmt;
            Sym v = var_sym(s->name, SYM_GLOBAL, s->decl_ty, s->name_span);
            v.special = s->is_report || s->is_unshared;
            declare(T, &T->globals, v);
        }
    }
}

/* Top-level statements (the reference's global scope rules). */
static void check_global_stmt(Tc *T, Stmt *s)
{
    T->global = true;
    if (s->kind == ST_IF || s->kind == ST_RETURN || s->kind == ST_INCR ||
        s->kind == ST_DECR)
        report(T, DIAG_SCOPE, s->span, "this statement is not allowed at the "
               "top level of a script: only declarations, `use`, "
               "assignments and calls are");
    else if (s->kind != ST_USE)
        check_stmt(T, s);
    T->global = false;
}

/* The signature's types: as declarations, and no map result (a map
 * lives in a global or a probe's unshared/report variable; a function
 * that made one would have to create it at run time). */
static void check_signature(Tc *T, const FnDef *f)
{
    for (uint32_t i = 0; i < f->params.n; i++)
        valid_type(T, f->params.v[i].ty, f->params.v[i].span);
    if (!f->ret || !valid_type(T, f->ret, f->span))
        return;
    if (f->ret->kind == TY_MAP)
        report(T, DIAG_MAP_PLACE, f->span, "a function cannot return a map "
               "(`%s` returns %s)", f->name, tname(T, f->ret));
}

static void check_fn(Tc *T, const FnDef *f)
{
    T->fn = f;
    T->locals.n = 0;
    check_signature(T, f);
    for (uint32_t i = 0; i < f->params.n; i++)
        declare(T, &T->locals, var_sym(f->params.v[i].name, SYM_PARAM,
                                       f->params.v[i].ty,
                                       f->params.v[i].span));
    check_block(T, &f->body);
    T->fn = NULL;
}

/* Type bounds: names of dynamic bound variables of the event; an
 * expansion without one of them matches no site (filtered). */
static bool bounds_apply(Tc *T, const Probe *p)
{
    bool ok = true;
    for (uint32_t k = 0; k < p->nparts; k++)
        for (uint32_t i = 0; i < p->bounds[k].n; i++) {
            const Param *b = &p->bounds[k].v[i];
            bool pattern;
            const TcBoundVar *v = bound_var(T, b->name, &pattern);
            if (!v) {
                ok = false;
                continue;
            }
            if (v->life == TC_STATIC)
                report(T, DIAG_BAD_BOUND, b->span, "a type bound names a "
                       "variable known only at run time (argN, localN, "
                       "resN); `%s` is static and its type is already "
                       "known", b->name);
        }
    return ok;
}

static void check_expansion(Tc *T, Probe *p, uint32_t m)
{
    T->match = p->matches[m];
    T->consts.n = 0; /* each expansion has its own bound variables */
    p->filtered[m] = !bounds_apply(T, p);
    if (p->filtered[m])
        return;
    T->locals.n = 0;
    if (p->pred)
        check_cond(T, p->pred, "a predicate");
    check_block(T, &p->body);
}

static void expand(Tc *T, Probe *p, const TcProvider *prov)
{
    TcExpandError err;
    const TcMatch *const *out = NULL;
    uint32_t n = 0;
    TcExpandStatus st = prov->expand(prov->ctx, p->part, p->nparts, T->a,
                                     &out, &n, &err);
    p->matches = (const TcMatch **)out;
    p->nmatches = st == TC_EXPAND_OK ? n : 0;
    p->filtered = arena_alloc(T->a, sizeof *p->filtered * (n + 1));
    if (st == TC_EXPAND_OK)
        return;
    Span sp = p->part_span[err.part < p->nparts ? err.part : 0];
    if (sp.len == 0)
        sp.len = 1;
    Diag *d = report(T, st == TC_EXPAND_BAD ? DIAG_RULE_BAD
                                            : DIAG_RULE_NOMATCH, sp,
                     "%s", err.msg);
    if (d && err.hint[0])
        diag_note(T->sink, d, (Span){0}, "%s", err.hint);
}

static void check_probe(Tc *T, Probe *p, const TcProvider *prov)
{
    expand(T, p, prov);
    T->probe = p;
    uint32_t live = 0;
    for (uint32_t m = 0; m < p->nmatches; m++) {
        check_expansion(T, p, m);
        live += !p->filtered[m];
    }
    if (p->nmatches && !live)
        report(T, DIAG_RULE_NOMATCH, p->span, "no event of this rule binds "
               "every variable named in its type bounds");
    T->probe = NULL;
    T->match = NULL;
}

static bool check_script(Tc *T, Script *s, const TcProvider *p);

/* libs_known: user libraries were given (possibly none), so `use` and
 * library calls are checked against them. */
static bool run_check(Script *s, const TcProvider *p, bool libs_known,
                      const TcLib *libs, uint32_t nlibs, Arena *a,
                      DiagSink *sink)
{
    Tc T;
    memset(&T, 0, sizeof T);
    T.a = a;
    T.sink = sink;
    T.libs_known = libs_known;
    T.libs = libs;
    T.nlibs = nlibs;
    s->libs_known = libs_known;
    s->libs = libs;
    s->nlibs = nlibs;
    list_decls(s, a);
    return check_script(&T, s, p);
}

bool tc_check_script(Script *s, const TcProvider *p, Arena *a,
                     DiagSink *sink)
{
    return run_check(s, p, false, NULL, 0, a, sink);
}

bool tc_check_script_libs(Script *s, const TcProvider *p, const TcLib *libs,
                          uint32_t nlibs, Arena *a, DiagSink *sink)
{
    return run_check(s, p, true, libs, nlibs, a, sink);
}

static bool check_script(Tc *T, Script *s, const TcProvider *p)
{
    T->script = s;
    uint32_t errors = T->sink->nerrors;
    add_builtins(T);
    declare_globals(T);
    for (uint32_t i = 0; i < s->nitems; i++) {
        Item *it = &s->items[i];
        if (it->kind == ITEM_STMT)
            check_global_stmt(T, it->stmt);
        else if (it->kind == ITEM_FN)
            check_fn(T, it->fn);
        else
            check_probe(T, it->probe, p);
    }
    vec_free(T->builtins);
    free_globals(T);
    vec_free(T->locals);
    vec_free(T->consts);
    return T->sink->nerrors == errors;
}

bool tc_annotate_expansion(Script *s, Probe *p, uint32_t m, Arena *a)
{
    if (m >= p->nmatches || p->filtered[m])
        return false;
    DiagSink scratch; /* the script was checked: nothing new to report */
    diag_init(&scratch);
    Tc T;
    memset(&T, 0, sizeof T);
    T.a = a;
    T.sink = &scratch;
    T.script = s;
    T.libs_known = s->libs_known;
    T.libs = s->libs;
    T.nlibs = s->nlibs;
    add_builtins(&T);
    declare_globals(&T);
    T.probe = p;
    check_expansion(&T, p, m);
    vec_free(T.builtins);
    free_globals(&T);
    vec_free(T.locals);
    vec_free(T.consts);
    bool ok = scratch.nerrors == 0;
    diag_fini(&scratch);
    return ok;
}

/* Whether Wasm value type w can hold whamm type t (for type bounds). */
static bool wasm_compatible(const Type *t, char w)
{
    if (w == '?' || t->kind == TY_UNKNOWN)
        return true;
    switch (t->kind) {
    case TY_U64: case TY_I64: return w == 'I';
    case TY_F32: return w == 'f';
    case TY_F64: return w == 'F';
    default: return w == 'i' && (ty_is_int(t) || t->kind == TY_BOOL);
    }
}

bool tc_bounds_match_site(const Probe *p,
                          char (*site_type)(void *ctx, const char *name),
                          void *ctx)
{
    for (uint32_t k = 0; k < p->nparts; k++)
        for (uint32_t i = 0; i < p->bounds[k].n; i++) {
            char w = site_type(ctx, p->bounds[k].v[i].name);
            if (!w || !wasm_compatible(p->bounds[k].v[i].ty, w))
                return false;
        }
    return true;
}
