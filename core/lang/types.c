/* types.c -- whamm types (types.h). */
#include "types.h"

#include <stdio.h>
#include <string.h>

const Type ty_prims[TY_KIND_COUNT] = {
    [TY_U8] = {TY_U8, 0, NULL, NULL, NULL},
    [TY_I8] = {TY_I8, 0, NULL, NULL, NULL},
    [TY_U16] = {TY_U16, 0, NULL, NULL, NULL},
    [TY_I16] = {TY_I16, 0, NULL, NULL, NULL},
    [TY_U32] = {TY_U32, 0, NULL, NULL, NULL},
    [TY_I32] = {TY_I32, 0, NULL, NULL, NULL},
    [TY_F32] = {TY_F32, 0, NULL, NULL, NULL},
    [TY_U64] = {TY_U64, 0, NULL, NULL, NULL},
    [TY_I64] = {TY_I64, 0, NULL, NULL, NULL},
    [TY_F64] = {TY_F64, 0, NULL, NULL, NULL},
    [TY_BOOL] = {TY_BOOL, 0, NULL, NULL, NULL},
    [TY_STR] = {TY_STR, 0, NULL, NULL, NULL},
    [TY_FUNCREF] = {TY_FUNCREF, 0, NULL, NULL, NULL},
    [TY_TUPLE] = {TY_TUPLE, 0, NULL, NULL, NULL}, /* the unit type () */
    [TY_MAP] = {TY_MAP, 0, NULL, NULL, NULL},     /* unused */
    [TY_UNKNOWN] = {TY_UNKNOWN, 0, NULL, NULL, NULL},
};

/* Spellings of the primitives, in TypeKind order. */
static const char *const prim_names[] = {
    "u8", "i8", "u16", "i16", "u32", "i32", "f32", "u64", "i64", "f64",
    "bool", "str", "funcref",
};
static const char *const debug_names[] = {
    "U8", "I8", "U16", "I16", "U32", "I32", "F32", "U64", "I64", "F64",
    "Boolean", "Str", "FuncRef",
};
_Static_assert(ARRAY_LEN(prim_names) == TY_FUNCREF + 1, "primitive names");
_Static_assert(ARRAY_LEN(debug_names) == TY_FUNCREF + 1, "debug names");

const Type *ty_prim(TypeKind kind) { return &ty_prims[kind]; }
const Type *ty_unit(void) { return &ty_prims[TY_TUPLE]; }

const Type *ty_tuple(Arena *a, const Type *const *elems, uint32_t n)
{
    if (n == 0)
        return ty_unit();
    Type *t = arena_alloc(a, sizeof *t);
    t->kind = TY_TUPLE;
    t->n = n;
    t->elems = arena_dup(a, elems, sizeof *elems * n);
    return t;
}

const Type *ty_map(Arena *a, const Type *key, const Type *val)
{
    Type *t = arena_alloc(a, sizeof *t);
    t->kind = TY_MAP;
    t->key = key;
    t->val = val;
    return t;
}

/* ---- parsing ---------------------------------------------------------------- */

typedef struct {
    Arena *a;
    const char *s, *p, *end;
    bool allow_unknown;
    size_t err_off;
    char *err;
    size_t errlen;
    bool failed;
} TyParser;

static const Type *fail(TyParser *tp, const char *msg)
{
    if (!tp->failed) {
        tp->failed = true;
        tp->err_off = (size_t)(tp->p - tp->s);
        snprintf(tp->err, tp->errlen, "%s", msg);
    }
    return NULL;
}

static void skip_ws(TyParser *tp)
{
    while (tp->p < tp->end && (*tp->p == ' ' || *tp->p == '\t' ||
                               *tp->p == '\n' || *tp->p == '\r'))
        tp->p++;
}

static bool eat(TyParser *tp, char c)
{
    skip_ws(tp);
    if (tp->p < tp->end && *tp->p == c) {
        tp->p++;
        return true;
    }
    return false;
}

static bool is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

static const Type *parse_type(TyParser *tp, unsigned depth);

/* '(' ')' | '(' TYPE (',' TYPE)* ')'  -- the '(' is already eaten */
static const Type *parse_tuple(TyParser *tp, unsigned depth)
{
    VEC(const Type *) elems = {0};
    if (!eat(tp, ')')) {
        do {
            const Type *t = parse_type(tp, depth + 1);
            if (!t) {
                vec_free(elems);
                return NULL;
            }
            vec_push(elems, t);
        } while (eat(tp, ','));
        if (!eat(tp, ')')) {
            vec_free(elems);
            return fail(tp, "expected ',' or ')' in a tuple type");
        }
    }
    const Type *t = ty_tuple(tp->a, elems.v, elems.n);
    vec_free(elems);
    return t;
}

/* 'map<' TYPE ',' TYPE '>'  -- `map` is already eaten */
static const Type *parse_map(TyParser *tp, unsigned depth)
{
    if (!eat(tp, '<'))
        return fail(tp, "expected '<' after 'map'");
    const Type *k = parse_type(tp, depth + 1);
    if (!k)
        return NULL;
    if (!eat(tp, ','))
        return fail(tp, "expected ',' between the key and value types");
    const Type *v = parse_type(tp, depth + 1);
    if (!v)
        return NULL;
    if (!eat(tp, '>'))
        return fail(tp, "expected '>' to close the map type");
    return ty_map(tp->a, k, v);
}

static const Type *parse_type(TyParser *tp, unsigned depth)
{
    if (depth > 64)
        return fail(tp, "type nested too deeply");
    skip_ws(tp);
    if (eat(tp, '('))
        return parse_tuple(tp, depth);
    const char *w = tp->p;
    while (tp->p < tp->end && is_word(*tp->p))
        tp->p++;
    size_t n = (size_t)(tp->p - w);
    if (n == 0)
        return fail(tp, "expected a type");
    for (int k = 0; k <= TY_FUNCREF; k++)
        if (strlen(prim_names[k]) == n && memcmp(w, prim_names[k], n) == 0)
            return ty_prim((TypeKind)k);
    if (n == 3 && memcmp(w, "map", 3) == 0)
        return parse_map(tp, depth);
    if (tp->allow_unknown && n == 7 && memcmp(w, "unknown", 7) == 0)
        return ty_prim(TY_UNKNOWN);
    tp->p = w;
    return fail(tp, "unknown type name (expected u8, i8, u16, i16, u32, i32, "
                    "f32, u64, i64, f64, bool, str, funcref, a tuple or "
                    "map<K, V>)");
}

const Type *ty_parse(Arena *a, const char *text, size_t len,
                     bool allow_unknown, size_t *err_off, char *err,
                     size_t errlen)
{
    TyParser tp = {a, text, text, text + len, allow_unknown, 0, err, errlen,
                   false};
    const Type *t = parse_type(&tp, 0);
    skip_ws(&tp);
    if (t && tp.p != tp.end)
        t = fail(&tp, "unexpected text after the type");
    if (!t)
        *err_off = tp.err_off;
    return t;
}

/* ---- printing ------------------------------------------------------------------ */

void ty_print(Buf *b, const Type *t)
{
    switch (t->kind) {
    case TY_TUPLE:
        buf_push(b, '(');
        for (uint32_t i = 0; i < t->n; i++) {
            if (i)
                buf_push(b, ',');
            ty_print(b, t->elems[i]);
        }
        buf_push(b, ')');
        return;
    case TY_MAP:
        buf_printf(b, "map<");
        ty_print(b, t->key);
        buf_push(b, ',');
        ty_print(b, t->val);
        buf_push(b, '>');
        return;
    case TY_UNKNOWN:
        buf_printf(b, "unknown");
        return;
    default:
        buf_printf(b, "%s", prim_names[t->kind]);
        return;
    }
}

const char *ty_name(Arena *a, const Type *t)
{
    Buf b;
    buf_init(&b);
    ty_print(&b, t);
    const char *s = arena_strndup(a, (const char *)b.data, b.len);
    buf_fini(&b);
    return s;
}

void ty_print_debug(Buf *b, const Type *t)
{
    switch (t->kind) {
    case TY_TUPLE:
        buf_printf(b, "Tuple { ty_info: [");
        for (uint32_t i = 0; i < t->n; i++) {
            if (i)
                buf_printf(b, ", ");
            ty_print_debug(b, t->elems[i]);
        }
        buf_printf(b, "] }");
        return;
    case TY_MAP:
        buf_printf(b, "Map { key_ty: ");
        ty_print_debug(b, t->key);
        buf_printf(b, ", val_ty: ");
        ty_print_debug(b, t->val);
        buf_printf(b, " }");
        return;
    case TY_UNKNOWN:
        buf_printf(b, "Unknown");
        return;
    default:
        buf_printf(b, "%s", debug_names[t->kind]);
        return;
    }
}

/* ---- predicates ------------------------------------------------------------------ */

bool ty_equal(const Type *a, const Type *b)
{
    if (a == b)
        return true;
    if (a->kind != b->kind)
        return false;
    if (a->kind == TY_MAP)
        return ty_equal(a->key, b->key) && ty_equal(a->val, b->val);
    if (a->kind != TY_TUPLE)
        return true;
    if (a->n != b->n)
        return false;
    for (uint32_t i = 0; i < a->n; i++)
        if (!ty_equal(a->elems[i], b->elems[i]))
            return false;
    return true;
}

bool ty_is_int(const Type *t)
{
    return t->kind <= TY_I64 && t->kind != TY_F32;
}

bool ty_is_float(const Type *t)
{
    return t->kind == TY_F32 || t->kind == TY_F64;
}

bool ty_is_numeric(const Type *t) { return ty_is_int(t) || ty_is_float(t); }

uint32_t ty_wasm_values(const Type *t)
{
    if (t->kind == TY_TUPLE) {
        uint32_t n = 0;
        for (uint32_t i = 0; i < t->n; i++)
            n += ty_wasm_values(t->elems[i]);
        return n;
    }
    if (t->kind == TY_STR)
        return 2;
    return t->kind < TY_STR || t->kind == TY_MAP ? 1 : 0;
}

bool ty_is_signed(const Type *t)
{
    return t->kind == TY_I8 || t->kind == TY_I16 || t->kind == TY_I32 ||
           t->kind == TY_I64;
}

unsigned ty_bits(const Type *t)
{
    switch (t->kind) {
    case TY_U8: case TY_I8: return 8;
    case TY_U16: case TY_I16: return 16;
    case TY_U32: case TY_I32: case TY_F32: return 32;
    case TY_U64: case TY_I64: case TY_F64: return 64;
    default: return 0;
    }
}
