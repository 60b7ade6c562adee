/* fns.c -- the script's user functions (`fn`) as Wasm
 * functions: declared before the walk so calls can name them, built with
 * the expression and statement code generator. */
#include "gen.h"

#include <string.h>

typedef VEC(WasmValType) ValTypeList;

static void declare_script_fns(Emit *E, uint32_t si)
{
    Script *s = E->scripts[si].script;
    for (uint32_t i = 0; i < s->nitems; i++)
        if (s->items[i].kind == ITEM_FN) {
            UserFn f = {s->items[i].fn->name, si, s->items[i].fn, 0};
            avec_push(E->a, E->fns, f);
        }
}

static bool fn_signature(Emit *E, const FnDef *fn, ValTypeList *params,
                         WasmValType *res, uint32_t *nres)
{
    for (uint32_t i = 0; i < fn->params.n; i++) {
        WasmValType vt[EMIT_MAX_PARTS];
        uint32_t n = emit_valtypes(fn->params.v[i].ty, vt);
        if (n == 0 || !emit_type_supported(fn->params.v[i].ty)) {
            emit_error(E, fn->params.v[i].span, "parameters of type `%s` are "
                       "not supported by whamm instr yet",
                       ty_name(E->a, fn->params.v[i].ty));
            return false;
        }
        for (uint32_t k = 0; k < n; k++)
            avec_push(E->a, *params, vt[k]);
    }
    *nres = fn->ret ? emit_valtypes(fn->ret, res) : 0;
    if (fn->ret && fn->ret->kind != TY_TUPLE && *nres == 0) {
        emit_error(E, fn->span, "functions returning `%s` are not supported "
                   "by whamm instr yet", ty_name(E->a, fn->ret));
        return false;
    }
    return true;
}

/* Generates the body of user function f as a new Wasm function. */
static bool build_fn(Emit *E, UserFn *f)
{
    ValTypeList params = {0};
    WasmValType res[EMIT_MAX_PARTS];
    uint32_t nres;
    if (!fn_signature(E, f->fn, &params, res, &nres))
        return false;
    Code code = {0};
    Locals L = {0};
    L.first_own = params.n;
    Gen G = {0};
    G.E = E;
    G.out = &code;
    G.locals = &L;
    G.script = f->script;
    G.in_fn = true;
    G.span = f->fn->span;
    uint32_t next = 0;
    for (uint32_t i = 0; i < f->fn->params.n; i++) {
        const Param *p = &f->fn->params.v[i];
        GenVar v = {.name = p->name, .ty = p->ty};
        for (uint32_t k = 0, n = emit_nparts(p->ty); k < n; k++)
            v.local[k] = next++;
        vec_push(G.vars, v); /* gen_decl() pushes the locals: one heap vec */
    }
    gen_block(&G, &f->fn->body);
    if (nres) /* a path that falls off the end (not diagnosed) */
        gen_push(&G, wasm_instr(WASM_OP_Unreachable));
    uint32_t type = wasm_add_func_type(E->m, params.v, params.n, res, nres);
    uint32_t idx = wasm_add_func(E->m, type, L.own.v, L.own.n, code.v, code.n);
    vec_free(G.vars);
    vec_free(code);
    vec_free(L.own);
    vec_free(L.pool);
    if (idx != f->func) {
        emit_error(E, f->fn->span, "internal error: function index moved");
        return false;
    }
    wasm_set_func_name(E->m, idx, arena_strndup(E->a, f->name,
                                                strlen(f->name)));
    return !E->failed;
}

bool emit_build_fns(Emit *E)
{
    uint32_t next = E->m->funcs.n;
    for (uint32_t i = 0; i < E->fns.n; i++)
        E->fns.v[i].func = next + i;
    bool ok = true;
    for (uint32_t i = 0; i < E->fns.n && ok; i++)
        ok = build_fn(E, &E->fns.v[i]);
    return ok;
}

void emit_declare_fns(Emit *E)
{
    for (uint32_t si = 0; si < E->nscripts; si++)
        declare_script_fns(E, si);
}
