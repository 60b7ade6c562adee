/* gen_tuple.c -- tuples in generated code (literals `(a, b)` and `t.N`;
 * docs/instr.md "Maps and tuples"): a tuple value is its elements' parts
 * in order, so a literal pushes each element, and `t.N` picks the parts of
 * element N -- straight from the variable when t names one. */
#include "gen.h"

/* The parts of element `index` of tuple type t: [*first, *first + n). */
static uint32_t element_range(const Type *t, uint32_t index, uint32_t *first)
{
    *first = 0;
    for (uint32_t i = 0; i < index && i < t->n; i++)
        *first += emit_nparts(t->elems[i]);
    return index < t->n ? emit_nparts(t->elems[index]) : 0;
}

/* For t.1.0: the variable at the bottom of the chain and the range of
 * parts the chain selects in it; NULL when the chain ends in no name. */
static const Expr *field_chain(const Expr *e, uint32_t *first, uint32_t *n)
{
    if (e->kind == EX_ID) {
        *first = 0;
        *n = emit_nparts(e->ty);
        return e;
    }
    if (e->kind != EX_FIELD)
        return NULL;
    const Expr *base = field_chain(e->a, first, n);
    uint32_t off;
    *n = element_range(e->a->ty, e->index, &off);
    *first += off;
    return base;
}

void gen_tuple(Gen *G, const Expr *e)
{
    for (uint32_t i = 0; i < e->nargs; i++)
        gen_expr(G, e->args[i]);
}

void gen_field(Gen *G, const Expr *e)
{
    uint32_t first, n;
    const Expr *var = field_chain(e, &first, &n);
    if (var) {
        gen_var_parts(G, var, first, n);
        return;
    }
    /* a tuple computed here: keep only the element's parts */
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t tmp[EMIT_MAX_PARTS];
    uint32_t all = emit_valtypes(e->a->ty, vt);
    gen_expr(G, e->a);
    gen_save_parts(G, vt, all, tmp);
    n = element_range(e->a->ty, e->index, &first);
    for (uint32_t i = first; i < first + n; i++)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, tmp[i]));
}

void gen_store_field(Gen *G, const Expr *lhs)
{
    uint32_t first, n;
    const Expr *var = field_chain(lhs, &first, &n);
    if (!var) {
        emit_error(G->E, lhs->span, "only an element of a tuple variable "
                   "can be assigned");
        return;
    }
    gen_store_var_parts(G, var, first, n);
}

/* Pushes whether parts i (and i + 1 for a str) of the two saved tuples
 * are equal; returns how many parts that compared. */
static uint32_t part_equal(Gen *G, const EmitPart *p, const uint32_t *ta,
                           const uint32_t *tb, uint32_t i, Span at)
{
    uint32_t n = p[i].kind == TY_STR ? 2 : 1;
    for (uint32_t k = 0; k < n; k++)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, ta[i + k]));
    for (uint32_t k = 0; k < n; k++)
        gen_push(G, wasm_instr_idx(WASM_OP_LocalGet, tb[i + k]));
    if (n == 2) {
        gen_str_eq_call(G, at);
        return 2;
    }
    WasmOpcode eq = p[i].vt.code == WASM_I64   ? WASM_OP_I64Eq
                    : p[i].vt.code == WASM_F32 ? WASM_OP_F32Eq
                    : p[i].vt.code == WASM_F64 ? WASM_OP_F64Eq
                                               : WASM_OP_I32Eq;
    gen_push(G, wasm_instr(eq));
    return 1;
}

/* Element by element, strings by content, nested tuples flattened: the
 * tuples are equal when every part is. */
void gen_tuple_equal(Gen *G, const Expr *e)
{
    EmitPart p[EMIT_MAX_PARTS];
    WasmValType vt[EMIT_MAX_PARTS];
    uint32_t ta[EMIT_MAX_PARTS], tb[EMIT_MAX_PARTS];
    uint32_t n = emit_parts(e->a->ty, p);
    if (emit_type_cmp(e->a->ty, e->b->ty) != 0) {
        emit_error(G->E, e->span, "internal error: tuples of different "
                   "types compared");
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        vt[i] = p[i].vt;
    gen_expr(G, e->a);
    gen_save_parts(G, vt, n, ta);
    gen_expr(G, e->b);
    gen_save_parts(G, vt, n, tb);
    gen_push(G, wasm_instr_i32(1));
    for (uint32_t i = 0; i < n;) {
        i += part_equal(G, p, ta, tb, i, e->span);
        gen_push(G, wasm_instr(WASM_OP_I32And));
    }
    if (e->bop == BIN_NE)
        gen_push(G, wasm_instr(WASM_OP_I32Eqz));
}
