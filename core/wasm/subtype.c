/* subtype.c -- type equivalence and subtyping over a module's types, for
 * validation (wasm_impl.h, WimplTypes).
 * Spec: WebAssembly 3.0, validation of types (rec groups, sub types) and
 * matching (heap types, reference types, value types, defined types).
 *
 * Types are compared iso-recursively: two rec groups are equivalent when
 * they have the same shape, a reference inside a group compared by its
 * position in the group and one outside by the equivalence class of its
 * target.  Each type gets a canonical index (the first type of the module
 * equivalent to it), computed group by group with a hash table, so that
 * type equality is one comparison.  A concrete type matches another when
 * one of its declared supertypes (a chain of lower indices) is equivalent
 * to it.
 *
 * Cost: linear in the size of the type section (plus the rare structural
 * comparison of groups whose hashes collide); subtype checks walk the
 * supertype chain. */
#include "wasm_impl.h"

#include <stdarg.h>
#include <stdio.h>

/* Abstract heap types as s33 values (the binary code minus 0x80). */
enum {
    H_FUNC = WASM_FUNCREF - 0x80, H_EXTERN = WASM_EXTERNREF - 0x80,
    H_ANY = WASM_ANYREF - 0x80, H_EQ = WASM_EQREF - 0x80,
    H_I31 = WASM_I31REF - 0x80, H_STRUCT = WASM_STRUCTREF - 0x80,
    H_ARRAY = WASM_ARRAYREF - 0x80, H_EXN = WASM_EXNREF - 0x80,
    H_NONE = WASM_NULLREF - 0x80, H_NOEXTERN = WASM_NULLEXTERNREF - 0x80,
    H_NOFUNC = WASM_NULLFUNCREF - 0x80, H_NOEXN = WASM_NULLEXNREF - 0x80,
};

static bool is_abbrev(uint8_t code) { return code >= 0x69 && code <= 0x74; }

static bool is_ref(WasmValType t)
{
    return is_abbrev(t.code) || t.code == WASM_REF || t.code == WASM_REF_NULL;
}

static bool nullable(WasmValType t)
{
    return is_abbrev(t.code) || t.code == WASM_REF_NULL;
}

static int64_t heap_of(WasmValType t)
{
    return is_abbrev(t.code) ? (int64_t)t.code - 0x80 : t.heap;
}

/* ---- canonical indices ------------------------------------------------- */

/* Whether heap types h1 (in the group starting at g1) and h2 (group g2),
 * both groups of len types, are the same up to the groups' positions. */
static bool same_heap(const WimplTypes *ty, int64_t h1, uint32_t g1,
                      int64_t h2, uint32_t g2, uint32_t len)
{
    if (h1 < 0 || h2 < 0 || h1 >= ty->n || h2 >= ty->n)
        return h1 == h2;
    bool in1 = h1 >= g1 && h1 < (int64_t)g1 + len;
    bool in2 = h2 >= g2 && h2 < (int64_t)g2 + len;
    if (in1 != in2)
        return false;
    if (in1)
        return h1 - g1 == h2 - g2;
    return ty->canon[h1] == ty->canon[h2];
}

static bool same_val(const WimplTypes *ty, WasmValType a, uint32_t g1,
                     WasmValType b, uint32_t g2, uint32_t len)
{
    if (a.code != b.code)
        return false;
    return (a.code != WASM_REF && a.code != WASM_REF_NULL) ||
           same_heap(ty, a.heap, g1, b.heap, g2, len);
}

static bool same_vals(const WimplTypes *ty, const WasmValType *a, uint32_t g1,
                      const WasmValType *b, uint32_t g2, uint32_t n,
                      uint32_t len)
{
    for (uint32_t i = 0; i < n; i++)
        if (!same_val(ty, a[i], g1, b[i], g2, len))
            return false;
    return true;
}

static bool same_type(const WimplTypes *ty, const WasmType *a, uint32_t g1,
                      const WasmType *b, uint32_t g2, uint32_t len)
{
    if (a->kind != b->kind || a->final != b->final ||
        a->nsupers != b->nsupers || a->nparams != b->nparams ||
        a->nresults != b->nresults || a->nfields != b->nfields)
        return false;
    for (uint32_t i = 0; i < a->nsupers; i++)
        if (!same_heap(ty, a->supers[i], g1, b->supers[i], g2, len))
            return false;
    for (uint32_t i = 0; i < a->nfields; i++)
        if (a->fields[i].mut != b->fields[i].mut ||
            !same_val(ty, a->fields[i].type, g1, b->fields[i].type, g2, len))
            return false;
    return same_vals(ty, a->params, g1, b->params, g2, a->nparams, len) &&
           same_vals(ty, a->results, g1, b->results, g2, a->nresults, len);
}

static bool same_group(const WimplTypes *ty, uint32_t g1, uint32_t g2,
                       uint32_t len)
{
    const WasmType *t = ty->m->types.v;
    for (uint32_t k = 0; k < len; k++)
        if (!same_type(ty, &t[g1 + k], g1, &t[g2 + k], g2, len))
            return false;
    return true;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    return (h ^ v) * UINT64_C(0x100000001b3);
}

static uint64_t hash_heap(const WimplTypes *ty, int64_t h, uint32_t g,
                          uint32_t len)
{
    if (h < 0 || h >= ty->n)
        return (uint64_t)h;
    if (h >= g && h < (int64_t)g + len)
        return (uint64_t)(h - g) | UINT64_C(1) << 40;
    return ty->canon[h];
}

static uint64_t hash_vals(const WimplTypes *ty, uint64_t h,
                          const WasmValType *v, uint32_t n, uint32_t g,
                          uint32_t len)
{
    for (uint32_t i = 0; i < n; i++) {
        h = mix(h, v[i].code);
        if (v[i].code == WASM_REF || v[i].code == WASM_REF_NULL)
            h = mix(h, hash_heap(ty, v[i].heap, g, len));
    }
    return h;
}

static uint64_t hash_group(const WimplTypes *ty, uint32_t g, uint32_t len)
{
    uint64_t h = mix(UINT64_C(0xcbf29ce484222325), len);
    for (uint32_t k = 0; k < len; k++) {
        const WasmType *t = &ty->m->types.v[g + k];
        h = mix(mix(mix(h, t->kind), t->final), t->nsupers);
        for (uint32_t i = 0; i < t->nsupers; i++)
            h = mix(h, hash_heap(ty, t->supers[i], g, len));
        h = hash_vals(ty, mix(h, t->nparams), t->params, t->nparams, g, len);
        h = hash_vals(ty, mix(h, t->nresults), t->results, t->nresults, g,
                      len);
        for (uint32_t i = 0; i < t->nfields; i++) {
            h = mix(h, t->fields[i].mut);
            h = hash_vals(ty, h, &t->fields[i].type, 1, g, len);
        }
    }
    return h;
}

/* Gives group [g, g+len) the canonical indices of an equivalent earlier
 * group found through the hash table (slots hold group starts + 1). */
static void canon_group(WimplTypes *ty, uint32_t *slots, uint32_t mask,
                        uint32_t g, uint32_t len)
{
    uint64_t h = hash_group(ty, g, len);
    for (uint32_t i = (uint32_t)h & mask;; i = (i + 1) & mask) {
        if (slots[i] == 0) {
            slots[i] = g + 1;
            break;
        }
        uint32_t o = slots[i] - 1;
        uint32_t olen = ty->glen[o];
        if (olen == len && same_group(ty, o, g, len)) {
            for (uint32_t k = 0; k < len; k++)
                ty->canon[g + k] = ty->canon[o + k];
            return;
        }
    }
    for (uint32_t k = 0; k < len; k++)
        ty->canon[g + k] = g + k;
}

void wimpl_types_init(WimplTypes *ty, const WasmModule *m, Arena *a)
{
    uint32_t n = m->types.n;
    ty->m = m;
    ty->n = n;
    ty->canon = arena_alloc(a, sizeof *ty->canon * (n ? n : 1));
    ty->glen = arena_alloc(a, sizeof *ty->glen * (n ? n : 1));
    uint32_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *slots = arena_alloc(a, sizeof *slots * cap);
    for (uint32_t g = 0; g < n;) {
        uint32_t len = 1;
        while (g + len < n && m->types.v[g + len].rec_group ==
                                  m->types.v[g].rec_group)
            len++;
        ty->glen[g] = len;
        canon_group(ty, slots, cap - 1, g, len);
        g += len;
    }
}

/* ---- matching ------------------------------------------------------------ */

int64_t wimpl_heap_top(const WimplTypes *ty, int64_t h)
{
    if (h >= 0)
        return h < ty->n && ty->m->types.v[h].kind == WASM_TYPE_FUNC
                   ? H_FUNC : H_ANY;
    switch (h) {
    case H_FUNC: case H_NOFUNC: return H_FUNC;
    case H_EXTERN: case H_NOEXTERN: return H_EXTERN;
    case H_EXN: case H_NOEXN: return H_EXN;
    default: return H_ANY;
    }
}

static int64_t bottom_of(int64_t top)
{
    switch (top) {
    case H_FUNC: return H_NOFUNC;
    case H_EXTERN: return H_NOEXTERN;
    case H_EXN: return H_NOEXN;
    default: return H_NONE;
    }
}

static bool is_bottom(int64_t h)
{
    return h == H_NONE || h == H_NOFUNC || h == H_NOEXTERN || h == H_NOEXN;
}

/* An abstract heap type below another (i31, struct, array < eq < any). */
static bool abstract_sub(int64_t h1, int64_t h2)
{
    if (h1 == h2)
        return true;
    if (is_bottom(h1))
        return wimpl_heap_top(NULL, h1) == wimpl_heap_top(NULL, h2);
    switch (h1) {
    case H_I31: case H_STRUCT: case H_ARRAY: return h2 == H_EQ || h2 == H_ANY;
    case H_EQ: return h2 == H_ANY;
    default: return false;
    }
}

/* A defined type below an abstract one. */
static bool defined_below(const WasmType *t, int64_t h2)
{
    switch (t->kind) {
    case WASM_TYPE_FUNC: return h2 == H_FUNC;
    case WASM_TYPE_STRUCT: return h2 == H_STRUCT || h2 == H_EQ || h2 == H_ANY;
    default: return h2 == H_ARRAY || h2 == H_EQ || h2 == H_ANY;
    }
}

bool wimpl_heap_sub(const WimplTypes *ty, int64_t h1, int64_t h2)
{
    if (h1 >= ty->n || h2 >= ty->n)
        return false;
    if (h1 < 0 && h2 < 0)
        return abstract_sub(h1, h2);
    if (h1 < 0)
        return h1 == bottom_of(wimpl_heap_top(ty, h2));
    if (h2 < 0)
        return defined_below(&ty->m->types.v[h1], h2);
    /* supertypes have lower indices: the walk ends */
    for (int64_t t = h1;;) {
        if (ty->canon[t] == ty->canon[h2])
            return true;
        const WasmType *d = &ty->m->types.v[t];
        if (d->nsupers == 0 || d->supers[0] >= t)
            return false;
        t = d->supers[0];
    }
}

bool wimpl_val_sub(const WimplTypes *ty, WasmValType a, WasmValType b)
{
    if (!is_ref(a) || !is_ref(b))
        return a.code == b.code;
    if (nullable(a) && !nullable(b))
        return false;
    return wimpl_heap_sub(ty, heap_of(a), heap_of(b));
}

bool wimpl_val_type_ok(const WimplTypes *ty, WasmValType t)
{
    return (t.code != WASM_REF && t.code != WASM_REF_NULL) || t.heap < ty->n;
}

/* ---- the type section ---------------------------------------------------- */

/* The offset of each type's entry in the type section, found by walking
 * the section again (the model keeps no offsets); 0 when unknown. */
static bool skip_sub_type(WasmReader *r, uint32_t *out_off)
{
    WasmValType t;
    uint32_t n, idx;
    uint8_t form, mut;
    *out_off = (uint32_t)(r->p - r->base);
    if (r->p < r->end && (*r->p == 0x50 || *r->p == 0x4F)) {
        r->p++;
        TRY(wdec_u32(r, &n, "supertype count"));
        for (uint32_t i = 0; i < n; i++)
            TRY(wdec_u32(r, &idx, "supertype"));
    }
    TRY(wdec_byte(r, &form, "type form"));
    uint32_t lists = form == WASM_TYPE_FUNC ? 2 : 1;
    for (uint32_t l = 0; l < lists; l++) {
        n = 1;
        if (form != WASM_TYPE_ARRAY)
            TRY(wdec_u32(r, &n, "count"));
        for (uint32_t i = 0; i < n; i++) {
            if (form != WASM_TYPE_FUNC && r->p < r->end &&
                (*r->p == WASM_I8 || *r->p == WASM_I16))
                r->p++;
            else
                TRY(wdec_valtype(r, &t, "type"));
            if (form != WASM_TYPE_FUNC)
                TRY(wdec_byte(r, &mut, "mutability"));
        }
    }
    return true;
}

static uint32_t *type_offsets(const WasmModule *m, Arena *a)
{
    uint32_t *off = arena_alloc(a, sizeof *off * (m->types.n + 1));
    for (uint32_t s = 0; s < m->sections.n; s++) {
        if (m->sections.v[s].id != 1)
            continue;
        WasmError err;
        WasmReader r;
        memset(&err, 0, sizeof err);
        wimpl_reader_at(&r, m, m->sections.v[s].entries, &err);
        for (uint32_t k = 0; k < m->types.n && r.p < r.end;) {
            uint32_t len = 1;
            if (*r.p == 0x4E) {
                r.p++;
                if (!wdec_u32(&r, &len, "rec group size"))
                    break;
            }
            for (uint32_t i = 0; i < len && k < m->types.n; i++)
                if (!skip_sub_type(&r, &off[k++]))
                    return off;
        }
    }
    return off;
}

static bool type_fail(WasmError *err, const uint32_t *off, uint32_t idx,
                      const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool type_fail(WasmError *err, const uint32_t *off, uint32_t idx,
                      const char *fmt, ...)
{
    err->failed = true;
    err->offset = off[idx];
    int n = snprintf(err->msg, sizeof err->msg, "type %u: ", idx);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
    va_end(ap);
    return false;
}

/* Whether a field of a subtype matches the supertype's field: the same
 * mutability, and a mutable field exactly the same type. */
static bool field_sub(const WimplTypes *ty, WasmField a, WasmField b)
{
    if (a.mut != b.mut)
        return false;
    if (a.type.code == WASM_I8 || a.type.code == WASM_I16 ||
        b.type.code == WASM_I8 || b.type.code == WASM_I16)
        return a.type.code == b.type.code;
    return wimpl_val_sub(ty, a.type, b.type) &&
           (!a.mut || wimpl_val_sub(ty, b.type, a.type));
}

/* Whether type `sub` may declare `super` as its supertype (structurally:
 * function parameters contravariant, results covariant, struct fields a
 * matching prefix). */
static bool comp_sub(const WimplTypes *ty, const WasmType *sub,
                     const WasmType *sup)
{
    if (sub->kind != sup->kind)
        return false;
    if (sub->kind == WASM_TYPE_FUNC) {
        if (sub->nparams != sup->nparams || sub->nresults != sup->nresults)
            return false;
        for (uint32_t i = 0; i < sub->nparams; i++)
            if (!wimpl_val_sub(ty, sup->params[i], sub->params[i]))
                return false;
        for (uint32_t i = 0; i < sub->nresults; i++)
            if (!wimpl_val_sub(ty, sub->results[i], sup->results[i]))
                return false;
        return true;
    }
    if (sub->nfields < sup->nfields)
        return false;
    for (uint32_t i = 0; i < sup->nfields; i++)
        if (!field_sub(ty, sub->fields[i], sup->fields[i]))
            return false;
    return true;
}

/* A reference in a type names a type of its own rec group or an earlier
 * one. */
static bool refs_in_range(const WasmValType *v, uint32_t n, int64_t limit)
{
    for (uint32_t i = 0; i < n; i++)
        if ((v[i].code == WASM_REF || v[i].code == WASM_REF_NULL) &&
            v[i].heap >= limit)
            return false;
    return true;
}

static bool type_refs_ok(const WasmType *t, int64_t limit)
{
    if (!refs_in_range(t->params, t->nparams, limit) ||
        !refs_in_range(t->results, t->nresults, limit))
        return false;
    for (uint32_t i = 0; i < t->nfields; i++)
        if (!refs_in_range(&t->fields[i].type, 1, limit))
            return false;
    return true;
}

bool wimpl_check_types(const WimplTypes *ty, Arena *a, WasmError *err)
{
    const WasmModule *m = ty->m;
    uint32_t group_end = 0;
    for (uint32_t i = 0; i < ty->n; i++) {
        const WasmType *t = &m->types.v[i];
        if (ty->glen[i])
            group_end = i + ty->glen[i];
        if (!type_refs_ok(t, group_end))
            return type_fail(err, type_offsets(m, a), i, "refers to a type "
                             "after its rec group");
        const char *why = NULL;
        if (t->nsupers > 1)
            why = "has more than one supertype";
        else if (t->nsupers == 1 && m->types.v[t->supers[0]].final)
            why = "has a final supertype";
        else if (t->nsupers == 1 &&
                 !comp_sub(ty, t, &m->types.v[t->supers[0]]))
            why = "does not match its supertype";
        if (why && t->nsupers == 1) /* the supertype named */
            return type_fail(err, type_offsets(m, a), i, "%s (type %u)", why,
                             t->supers[0]);
        if (why)
            return type_fail(err, type_offsets(m, a), i, "%s", why);
    }
    return true;
}
