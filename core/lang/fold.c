/* fold.c -- constant folding and partial evaluation of checked
 * expressions and bodies (docs/language.md "Folding"; `&&` and `||`
 * short-circuit at run time).
 *
 * Decide safety first, then fold: every operation on
 * constants goes through a predicate (safe_int, safe_float, safe_cast) that
 * refuses what would trap in Wasm (division by zero, INT_MIN / -1, float to
 * int conversions of NaN or out-of-range values), shifts whose count is not
 * below the width of the Wasm value (Wasm masks the count; we leave that to
 * run time), and float results that are NaN (their payload is not
 * specified).  A refused fold leaves the expression as it was.  Integers
 * wrap at their declared width; floats follow IEEE as Wasm does (f32
 * arithmetic is done in float).  Float `%` is REF's
 * copysign(a - floor(a / b) * b, a), one rounding per step as the Wasm
 * sequence div, floor, mul, sub, copysign computes it (float_rem).  Input
 * trees are never modified: folded nodes are new nodes in the folder's
 * arena. */
#include "lang.h"

#include <math.h>
#include <string.h>

static const bool foldable[] = {
#define BINOP(Name, tok, prio, fold, spelling) fold,
#include "binops.def"
};
_Static_assert(ARRAY_LEN(foldable) == BIN_COUNT, "foldable column");

typedef struct {
    const Type *ty;
    uint64_t bits;         /* ints, bool */
    double f;              /* floats */
    const char *str;
    uint32_t slen;
} Val;

/* ---- values ---------------------------------------------------------------- */

/* v at the width of integer type t: masked, then sign-extended if signed. */
static uint64_t norm(uint64_t v, const Type *t)
{
    unsigned w = ty_bits(t);
    if (w == 0 || w >= 64)
        return v;
    v &= (UINT64_C(1) << w) - 1;
    if (ty_is_signed(t) && (v >> (w - 1)) & 1)
        v |= ~((UINT64_C(1) << w) - 1);
    return v;
}

static double fround(double d, const Type *t)
{
    return t->kind == TY_F32 ? (double)(float)d : d;
}

static bool int_lit(const Expr *e, Val *v)
{
    const Type *t = e->ty ? e->ty : ty_prim(TY_I32);
    v->ty = t;
    if (ty_is_int(t))
        v->bits = norm((uint64_t)e->ival, t);
    else if (t->kind == TY_F32 && e->ival >= INT64_MIN && e->ival <= INT64_MAX)
        v->f = (double)(float)(int64_t)e->ival; /* rounded once, as Wasm */
    else if (ty_is_float(t))
        v->f = fround((double)e->ival, t);
    else
        return false;
    return true;
}

static bool float_lit(const Expr *e, Val *v)
{
    const Type *t = e->ty ? e->ty : ty_prim(e->is_f64 ? TY_F64 : TY_F32);
    v->ty = t;
    if (ty_is_float(t)) {
        v->f = fround(e->fval, t);
        return true;
    }
    /* a float literal in an integer context (checked to fit) */
    if (!ty_is_int(t) || isnan(e->fval) || fabs(e->fval) >= 0x1p63)
        return false;
    v->bits = norm((uint64_t)(int64_t)trunc(e->fval), t);
    return true;
}

static bool value_of(const Folder *F, const Expr *e, Val *v);
static bool fold_cast(const Val *v, const Type *t, Val *out);

/* Whether a and b are both ints, both floats, or the same other kind. */
static bool same_class(const Type *a, const Type *b)
{
    if (ty_is_int(a) || ty_is_float(a))
        return ty_is_int(a) ? ty_is_int(b) : ty_is_float(b);
    return a->kind == b->kind;
}

/* The value of static name e at this site, at the type the checker gave
 * e: a constant bound variable converts like a literal (`var f: f32 =
 * bytecode;`), so an int value may be wanted as a float. */
static bool site_value(const Expr *e, const FoldValue *fv, Val *v)
{
    const Type *want = e->ty && e->ty->kind != TY_UNKNOWN ? e->ty : fv->ty;
    if (fv->ty && !same_class(fv->ty, want)) {
        Val raw = {fv->ty, fv->bits, fv->f, fv->str, fv->slen};
        return fold_cast(&raw, want, v);
    }
    v->ty = want;
    v->bits = ty_is_int(v->ty) ? norm(fv->bits, v->ty) : fv->bits;
    v->f = ty_is_float(v->ty) ? fround(fv->f, v->ty) : 0;
    v->str = fv->str;
    v->slen = fv->slen;
    return v->ty->kind <= TY_STR;
}

/* A propagated global constant. */
static bool global_const(const Folder *F, const Expr *e, Val *v)
{
    for (uint32_t i = 0; F->consts && i < F->consts->n; i++)
        if (strcmp(F->consts->v[i].name, e->name) == 0)
            return value_of(F, F->consts->v[i].value, v);
    return false;
}

/* The constant value of e, if it is one (or a static name at this site). */
static bool value_of(const Folder *F, const Expr *e, Val *v)
{
    memset(v, 0, sizeof *v);
    switch (e->kind) {
    case EX_INT: return int_lit(e, v);
    case EX_FLOAT: return float_lit(e, v);
    case EX_BOOL:
        v->ty = ty_prim(TY_BOOL);
        v->bits = e->bits;
        return true;
    case EX_STR:
        v->ty = ty_prim(TY_STR);
        v->str = e->str;
        v->slen = e->slen;
        return true;
    case EX_ID: {
        FoldValue fv;
        if (e->sym == SYM_GLOBAL)
            return global_const(F, e, v);
        if (e->sym != SYM_BOUND_STATIC || !F->lookup ||
            !F->lookup(F->ctx, e->name, &fv))
            return false;
        return site_value(e, &fv, v);
    }
    default:
        return false;
    }
}

/* A literal node for v, replacing `orig`. */
static Expr *literal(const Folder *F, const Expr *orig, const Val *v)
{
    Expr *e = arena_alloc(F->arena, sizeof *e);
    e->span = orig->span;
    e->ty = v->ty;
    if (ty_is_int(v->ty)) {
        e->kind = EX_INT;
        e->bits = v->bits;
        e->ival = ty_is_signed(v->ty) ? (LangInt)(int64_t)v->bits
                                      : (LangInt)v->bits;
    } else if (ty_is_float(v->ty)) {
        e->kind = EX_FLOAT;
        e->fval = v->f;
        e->is_f64 = v->ty->kind == TY_F64;
    } else if (v->ty->kind == TY_BOOL) {
        e->kind = EX_BOOL;
        e->bits = v->bits != 0;
    } else {
        e->kind = EX_STR;
        e->str = v->str;
        e->slen = v->slen;
    }
    return e;
}

static Expr *bool_node(const Folder *F, const Expr *orig, bool b)
{
    Val v = {ty_prim(TY_BOOL), b, 0, NULL, 0};
    return literal(F, orig, &v);
}

/* ---- safety predicates (decided before anything is folded) ----------------- */

/* Width of the Wasm value holding t: 32 or 64. */
static unsigned repr_bits(const Type *t) { return ty_bits(t) == 64 ? 64 : 32; }

static bool safe_int(BinOp op, const Type *t, uint64_t a, uint64_t b)
{
    unsigned w = repr_bits(t);
    int64_t sa = (int64_t)a, sb = (int64_t)b;
    switch (op) {
    case BIN_DIV:
    case BIN_REM:
        if (b == 0)
            return false; /* traps */
        if (!ty_is_signed(t) || sb != -1)
            return true;
        if (w == 64 && sa == INT64_MIN)
            return false; /* traps (div) / C overflow (rem) */
        return !(op == BIN_DIV && ty_bits(t) == 32 && sa == INT32_MIN);
    case BIN_SHL:
    case BIN_SHR:
        return b < w; /* Wasm masks larger counts: left to run time */
    default:
        return foldable[op];
    }
}

/* A NaN (0 / 0, inf - inf, ...) is left to run time: its payload is not
 * specified. */
static bool safe_float(double a, double b, double r)
{
    return !isnan(a) && !isnan(b) && !isnan(r);
}

/* Float `%` (float_rem) folds only between finite values with a non-zero
 * divisor: otherwise it is NaN (inf - inf, 0 * inf; unlike fmod, even
 * `x % inf`).  A quotient that overflows makes it infinite, which is no
 * remainder either: such results are refused by the caller. */
static bool safe_float_rem(double a, double b)
{
    return isfinite(a) && isfinite(b) && b != 0.0;
}

/* ---- operations ------------------------------------------------------------ */

static uint64_t shr(uint64_t a, uint64_t n, bool is_signed)
{
    if (!is_signed || !(a >> 63))
        return a >> n;
    return ~(~a >> n); /* arithmetic shift without implementation-defined C */
}

static int cmp_int(const Type *t, uint64_t a, uint64_t b)
{
    if (ty_is_signed(t))
        return (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
    return a < b ? -1 : a > b;
}

static bool compare(BinOp op, int c)
{
    switch (op) {
    case BIN_EQ: return c == 0;
    case BIN_NE: return c != 0;
    case BIN_LT: return c < 0;
    case BIN_LE: return c <= 0;
    case BIN_GT: return c > 0;
    default: return c >= 0;
    }
}

static uint64_t int_op(BinOp op, const Type *t, uint64_t a, uint64_t b)
{
    bool s = ty_is_signed(t);
    switch (op) {
    case BIN_ADD: return a + b;
    case BIN_SUB: return a - b;
    case BIN_MUL: return a * b;
    case BIN_DIV:
        return s ? (uint64_t)((int64_t)a / (int64_t)b) : a / b;
    case BIN_REM:
        if (s && (int64_t)b == -1)
            return 0;
        return s ? (uint64_t)((int64_t)a % (int64_t)b) : a % b;
    case BIN_SHL: return a << b;
    case BIN_SHR: return shr(a, b, s);
    case BIN_BAND: return a & b;
    case BIN_BOR: return a | b;
    default: return a ^ b;
    }
}

/* floor(x), exact for every double, without libm's floor (the library
 * does not link libm; trunc and fabs are expanded inline).  Also floorf
 * of a float: the result is an integer the float type holds. */
static double floor_of(double x)
{
    double t = trunc(x);
    return t > x ? t - 1.0 : t;
}

/* copysign(r, a) */
static double sign_of(double r, double a)
{
    return signbit(a) ? -fabs(r) : fabs(r);
}

/* Float `%` as REF defines it (not C's fmod): the sign is the dividend's,
 * the magnitude what is left after taking floor(a / b) times b.  Each step
 * rounds to the type, as the Wasm instructions do.  The product is a
 * statement of its own: C11 contraction (and -std=c11's -ffp-contract=off)
 * never fuses it with the subtraction into an FMA, which would round once
 * where Wasm rounds twice. */
static double float_rem(const Type *t, double a, double b)
{
    if (t->kind == TY_F32) {
        float x = (float)a, y = (float)b;
        float q = (float)floor_of((double)(x / y));
        float p = q * y;
        float r = x - p;
        return sign_of((double)r, (double)x);
    }
    double q = floor_of(a / b);
    double p = q * b;
    return sign_of(a - p, a);
}

static double float_op(BinOp op, const Type *t, double a, double b)
{
    if (op == BIN_REM)
        return float_rem(t, a, b);
    if (t->kind == TY_F32) {
        float x = (float)a, y = (float)b;
        switch (op) {
        case BIN_ADD: return (double)(x + y);
        case BIN_SUB: return (double)(x - y);
        case BIN_MUL: return (double)(x * y);
        default: return (double)(x / y);
        }
    }
    switch (op) {
    case BIN_ADD: return a + b;
    case BIN_SUB: return a - b;
    case BIN_MUL: return a * b;
    default: return a / b;
    }
}

/* Folds `a OP b` of two constants of the same type, if safe. */
static bool fold_consts(BinOp op, const Val *a, const Val *b, Val *out)
{
    const Type *t = a->ty;
    bool cmp = op >= BIN_EQ && op <= BIN_LT;
    memset(out, 0, sizeof *out);
    out->ty = cmp ? ty_prim(TY_BOOL) : t;
    if (!ty_equal(a->ty, b->ty) || !foldable[op])
        return false;
    if (ty_is_int(t) || t->kind == TY_BOOL) {
        if (cmp) {
            if (t->kind == TY_BOOL && op != BIN_EQ && op != BIN_NE)
                return false;
            out->bits = compare(op, cmp_int(t, a->bits, b->bits));
            return true;
        }
        if (t->kind == TY_BOOL || !safe_int(op, t, a->bits, b->bits))
            return false;
        out->bits = norm(int_op(op, t, a->bits, b->bits), t);
        return true;
    }
    if (ty_is_float(t)) {
        if (cmp) {
            bool r = op == BIN_EQ ? a->f == b->f : op == BIN_NE ? a->f != b->f
                     : op == BIN_LT ? a->f < b->f : op == BIN_LE ? a->f <= b->f
                     : op == BIN_GT ? a->f > b->f : a->f >= b->f;
            out->bits = r;
            return true;
        }
        if (op > BIN_REM || op < BIN_ADD)
            return false;
        if (op == BIN_REM && !safe_float_rem(a->f, b->f))
            return false;
        double r = float_op(op, t, a->f, b->f);
        if (!safe_float(a->f, b->f, r) || (op == BIN_REM && !isfinite(r)))
            return false;
        out->f = r;
        return true;
    }
    if (t->kind == TY_STR && (op == BIN_EQ || op == BIN_NE)) {
        bool eq = a->slen == b->slen && memcmp(a->str, b->str, a->slen) == 0;
        out->bits = (op == BIN_EQ) == eq;
        return true;
    }
    return false;
}

/* Whether float value d converts to integer type t without trapping. */
static bool safe_cast(double d, const Type *t)
{
    if (isnan(d))
        return false;
    double r = trunc(d);
    if (ty_bits(t) == 64)
        return ty_is_signed(t) ? r >= -0x1p63 && r < 0x1p63
                               : r > -1.0 && r < 0x1p64;
    return ty_is_signed(t) ? r >= -0x1p31 && r < 0x1p31
                           : r > -1.0 && r < 0x1p32;
}

/* `v as t`, if safe. */
static bool fold_cast(const Val *v, const Type *t, Val *out)
{
    memset(out, 0, sizeof *out);
    out->ty = t;
    const Type *f = v->ty;
    if (t->kind == TY_BOOL) {
        if (!ty_is_numeric(f) && f->kind != TY_BOOL)
            return false;
        out->bits = ty_is_float(f) ? v->f != 0.0 : v->bits != 0;
        return !ty_is_float(f) || !isnan(v->f);
    }
    if (ty_is_int(t)) {
        if (ty_is_int(f) || f->kind == TY_BOOL) {
            out->bits = norm(v->bits, t);
            return true;
        }
        if (!ty_is_float(f) || !safe_cast(v->f, t))
            return false;
        double r = trunc(v->f);
        out->bits = norm(r < 0 ? (uint64_t)(int64_t)r : (uint64_t)r, t);
        return true;
    }
    if (ty_is_float(t)) {
        if (ty_is_float(f))
            out->f = fround(v->f, t);
        else if (ty_is_signed(f))
            out->f = t->kind == TY_F32 ? (double)(float)(int64_t)v->bits
                                       : (double)(int64_t)v->bits;
        else if (ty_is_int(f) || f->kind == TY_BOOL)
            out->f = t->kind == TY_F32 ? (double)(float)v->bits
                                       : (double)v->bits;
        else
            return false;
        return !isnan(out->f);
    }
    if (t->kind == TY_STR && f->kind == TY_STR) {
        *out = *v;
        return true;
    }
    return false;
}

/* ---- trees ----------------------------------------------------------------- */

static bool has_effects(const Expr *e)
{
    if (!e)
        return false;
    if (e->kind == EX_CALL || e->kind == EX_LIBCALL)
        return true;
    if (has_effects(e->a) || has_effects(e->b) || has_effects(e->c))
        return true;
    for (uint32_t i = 0; i < e->nargs; i++)
        if (has_effects(e->args[i]))
            return true;
    return false;
}

static Expr *copy(const Folder *F, const Expr *e)
{
    return arena_dup(F->arena, e, sizeof *e);
}

static bool is_bool(const Expr *e, bool *b)
{
    if (e->kind != EX_BOOL)
        return false;
    *b = e->bits != 0;
    return true;
}

/* && || with one constant side (they short-circuit): a
 * side with effects is only dropped if it would not run. */
static Expr *fold_logic(const Folder *F, Expr *e, Expr *a, Expr *b)
{
    bool and = e->bop == BIN_AND, x;
    if (is_bool(a, &x))
        return x == and ? b : bool_node(F, e, x);
    if (is_bool(b, &x)) {
        if (x == and)
            return a;              /* X && true, X || false */
        if (!has_effects(a))
            return bool_node(F, e, x); /* X && false, X || true */
    }
    return NULL;
}

#define MAX_STATIC_ARGS 32

/* `@static lib.fn(args)` with literal arguments: its value from the
 * folder's static_call; a call without a result becomes `()`. */
static Expr *fold_static_call(const Folder *F, Expr *e)
{
    FoldValue args[MAX_STATIC_ARGS], out;
    Val v;
    if (!F->static_call || e->nargs > MAX_STATIC_ARGS)
        return e;
    for (uint32_t i = 0; i < e->nargs; i++) {
        if (!value_of(F, e->args[i], &v))
            return e;
        args[i] = (FoldValue){v.ty, v.bits, v.f, v.str, v.slen};
    }
    memset(&out, 0, sizeof out);
    if (!F->static_call(F->static_ctx, e, args, e->nargs, &out))
        return e;
    if (out.ty == ty_unit()) {
        Expr *u = arena_alloc(F->arena, sizeof *u);
        u->kind = EX_TUPLE;
        u->span = e->span;
        u->ty = out.ty;
        return u;
    }
    Val r = {out.ty, out.bits, out.f, out.str, out.slen};
    if (ty_is_int(r.ty))
        r.bits = norm(r.bits, r.ty);
    return literal(F, e, &r);
}

/* s.len() and friends on literal strings. */
static Expr *fold_method(const Folder *F, Expr *e)
{
    Val r, p;
    Expr recv = {.kind = EX_ID, .name = e->recv, .sym = SYM_BOUND_STATIC,
                 .ty = ty_prim(TY_STR)};
    if (e->annot || !value_of(F, e->a ? e->a : &recv, &r) ||
        r.ty->kind != TY_STR)
        return NULL;
    Val out = {ty_prim(TY_BOOL), 0, 0, NULL, 0};
    if (strcmp(e->name, "len") == 0 && e->nargs == 0) {
        out.ty = ty_prim(TY_U32);
        out.bits = r.slen;
        return literal(F, e, &out);
    }
    if (e->nargs != 1 || !value_of(F, e->args[0], &p) ||
        p.ty->kind != TY_STR)
        return NULL;
    if (p.slen > r.slen) /* a longer prefix, suffix or part: false */
        out.bits = 0;
    else if (strcmp(e->name, "starts_with") == 0)
        out.bits = memcmp(r.str, p.str, p.slen) == 0;
    else if (strcmp(e->name, "ends_with") == 0)
        out.bits = memcmp(r.str + r.slen - p.slen, p.str, p.slen) == 0;
    else if (strcmp(e->name, "contains") == 0)
        for (uint32_t i = 0; i + p.slen <= r.slen && !out.bits; i++)
            out.bits = memcmp(r.str + i, p.str, p.slen) == 0;
    else
        return NULL;
    return literal(F, e, &out);
}

/* The node with folded children (a copy if any changed). */
static Expr *fold_children(const Folder *F, Expr *e)
{
    Expr *a = e->a ? fold_expr(F, e->a) : NULL;
    Expr *b = e->b ? fold_expr(F, e->b) : NULL;
    Expr *c = e->c ? fold_expr(F, e->c) : NULL;
    Expr **args = NULL;
    bool changed = a != e->a || b != e->b || c != e->c;
    for (uint32_t i = 0; i < e->nargs; i++) {
        Expr *x = fold_expr(F, e->args[i]);
        if (x != e->args[i] && !args) {
            args = arena_alloc(F->arena, sizeof *args * e->nargs);
            memcpy(args, e->args, sizeof *args * e->nargs);
        }
        if (args)
            args[i] = x;
    }
    if (!changed && !args)
        return e;
    Expr *n = copy(F, e);
    n->a = a;
    n->b = b;
    n->c = c;
    if (args)
        n->args = args;
    return n;
}

static Expr *fold_binary(const Folder *F, Expr *e)
{
    Val x, y, r;
    if (e->bop == BIN_AND || e->bop == BIN_OR) {
        Expr *l = fold_logic(F, e, e->a, e->b);
        return l ? l : e;
    }
    if (value_of(F, e->a, &x) && value_of(F, e->b, &y) &&
        fold_consts(e->bop, &x, &y, &r))
        return literal(F, e, &r);
    return e;
}

static Expr *fold_node(const Folder *F, Expr *e)
{
    Val v, r;
    bool b;
    switch (e->kind) {
    case EX_ID:
        return value_of(F, e, &v) ? literal(F, e, &v) : e;
    case EX_BINARY:
        return fold_binary(F, e);
    case EX_UNARY:
        if (e->uop == UN_NOT && is_bool(e->a, &b))
            return bool_node(F, e, !b);
        if (e->uop == UN_BNOT && value_of(F, e->a, &v) && ty_is_int(v.ty)) {
            v.bits = norm(~v.bits, v.ty);
            return literal(F, e, &v);
        }
        return e;
    case EX_CAST:
        return value_of(F, e->a, &v) && fold_cast(&v, e->cast_ty, &r)
                   ? literal(F, e, &r) : e;
    case EX_TERNARY:
        return is_bool(e->a, &b) ? (b ? e->b : e->c) : e;
    case EX_LIBCALL: {
        if (e->annot && strcmp(e->annot, "static") == 0)
            return fold_static_call(F, e);
        Expr *m = fold_method(F, e);
        return m ? m : e;
    }
    default:
        return e;
    }
}

Expr *fold_expr(const Folder *F, Expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == EX_TERNARY) {
        /* only the chosen branch is folded (the other may not matter) */
        Expr *c = fold_expr(F, e->a);
        bool b;
        if (is_bool(c, &b))
            return fold_expr(F, b ? e->b : e->c);
    }
    return fold_node(F, fold_children(F, e));
}

FoldPred fold_predicate(const Folder *F, Expr *pred, Expr **residual)
{
    *residual = NULL;
    if (!pred)
        return FOLD_TRUE;
    Expr *r = fold_expr(F, pred);
    bool b;
    if (is_bool(r, &b))
        return b ? FOLD_TRUE : FOLD_FALSE;
    *residual = r;
    return FOLD_RESIDUAL;
}

/* ---- bodies ------------------------------------------------------------------- */

typedef struct {
    Stmt **v;
    uint32_t n, cap;
} StmtBuf;

static void push(const Folder *F, StmtBuf *b, Stmt *s)
{
    avec_push(F->arena, *b, s);
}

static void fold_into(const Folder *F, const Block *in, StmtBuf *out);

static void fold_stmt(const Folder *F, Stmt *s, StmtBuf *out)
{
    Stmt *n = arena_dup(F->arena, s, sizeof *s);
    /* an unshared/report initialiser runs once per site, not here: it is
     * folded where the slot is laid out (folding it twice would run a
     * @static call twice) */
    bool slot = s->kind == ST_DECL && (s->is_report || s->is_unshared);
    n->rhs = slot ? s->rhs : fold_expr(F, s->rhs);
    if (s->lhs && s->lhs->kind == EX_INDEX) {
        n->lhs = copy(F, s->lhs);
        n->lhs->b = fold_expr(F, s->lhs->b);
    }
    bool b;
    if (s->kind == ST_IF && is_bool(n->rhs, &b)) {
        fold_into(F, b ? &s->then_b : &s->else_b, out);
        return; /* `if (lit) {A} else {B}` is the chosen block */
    }
    if (s->kind == ST_IF) {
        n->then_b = fold_block(F, s->then_b);
        n->else_b = fold_block(F, s->else_b);
        n->else_is_elif = s->else_is_elif && n->else_b.n == 1 &&
                          n->else_b.v[0]->kind == ST_IF;
    }
    push(F, out, n);
}

static void fold_into(const Folder *F, const Block *in, StmtBuf *out)
{
    for (uint32_t i = 0; i < in->n; i++)
        fold_stmt(F, in->v[i], out);
}

Block fold_block(const Folder *F, Block b)
{
    StmtBuf out = {NULL, 0, 0};
    fold_into(F, &b, &out);
    Block r = {out.v, out.n};
    return r;
}

/* ---- constant propagation ----------------------------------------------------- */

typedef struct {
    const char *name;
    uint32_t writes;       /* `=`, `++`, `--`, initialisers */
} Writes;

typedef struct {
    Arena *a;
    Writes *v;
    uint32_t n, cap;
} WriteTab;

static void count_write(WriteTab *t, const char *name)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].name, name) == 0) {
            t->v[i].writes++;
            return;
        }
    Writes w = {name, 1};
    avec_push(t->a, *t, w);
}

/* The variable a place names: `x`, `m[k]`, `t.0.1`. */
static const char *place_name(const Expr *e)
{
    while (e && (e->kind == EX_INDEX || e->kind == EX_FIELD))
        e = e->a;
    return e && e->kind == EX_ID ? e->name : NULL;
}

static void count_block(WriteTab *t, const Block *b)
{
    for (uint32_t i = 0; i < b->n; i++) {
        const Stmt *s = b->v[i];
        const char *n = s->kind == ST_DECL && s->rhs ? s->name
                        : s->lhs ? place_name(s->lhs) : NULL;
        if (n)
            count_write(t, n);
        count_block(t, &s->then_b);
        count_block(t, &s->else_b);
    }
}

static uint32_t writes_of(const WriteTab *t, const char *name)
{
    for (uint32_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].name, name) == 0)
            return t->v[i].writes;
    return 0;
}

FoldConsts fold_find_consts(const Script *s, Arena *a)
{
    WriteTab t = {a, NULL, 0, 0};
    for (uint32_t i = 0; i < s->nitems; i++) {
        const Item *it = &s->items[i];
        Block one = {it->stmt ? (Stmt **)&it->stmt : NULL, it->stmt ? 1 : 0};
        count_block(&t, it->kind == ITEM_FN ? &it->fn->body
                        : it->kind == ITEM_PROBE ? &it->probe->body : &one);
    }
    FoldConsts out = {arena_alloc(a, sizeof *out.v * (s->nitems + 1)), 0};
    Folder f = {a, NULL, NULL, &out, NULL, NULL};
    for (uint32_t i = 0; i < s->nitems; i++) {
        const Stmt *d = s->items[i].kind == ITEM_STMT ? s->items[i].stmt
                                                      : NULL;
        if (!d || d->kind != ST_DECL || !d->rhs || writes_of(&t, d->name) != 1
            || !ty_equal(d->rhs->ty ? d->rhs->ty : ty_unit(), d->decl_ty))
            continue;
        Expr *v = fold_expr(&f, d->rhs);
        if (v->kind == EX_INT || v->kind == EX_FLOAT || v->kind == EX_BOOL ||
            v->kind == EX_STR) {
            out.v[out.n].name = d->name;
            out.v[out.n++].value = v;
        }
    }
    return out;
}
