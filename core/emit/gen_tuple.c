/* gen_tuple.c -- tuples in generated code (language.md §2 `tuple` and
 * `get_tuple`, §3.1): a tuple value is its elements' parts in order, so a
 * literal pushes each element, and `t.N` picks the parts of element N --
 * straight from the variable when t names one. */
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
