/* gen.h -- the code generation layer: Wasm code for whamm expressions and
 * statements (codegen.c), the built-in functions (builtins.c) and the
 * script's functions (fns.c). */
#ifndef WHAMM_EMIT_GEN_H
#define WHAMM_EMIT_GEN_H

#include "state.h"

typedef struct {
    const char *name;
    const Type *ty;
    uint32_t local[EMIT_MAX_PARTS];  /* probe/fn local, one per part */
    bool slot;
    uint32_t addr;          /* slot: value address */
    uint32_t map_hdr;       /* a per-site map slot: its header, else 0 */
    bool in_global;         /* slot: the value lives in Wasm global
                             * `global` (addr then only holds the report's
                             * copy) */
    uint32_t global;
    bool based;             /* slot: addr is an offset from local base_local
                             * (a wei monitor's per-site block) */
    uint32_t base_local;
} GenVar;

typedef struct Gen {
    Emit *E;
    Code *out;
    Locals *locals;
    const Site *site;       /* NULL outside probes */
    Exp *exp;
    uint32_t script;
    VEC(GenVar) vars;       /* probe locals / slots / fn params and locals */
    uint32_t *arg_local;    /* saved operands: argN -> local (N from top) */
    uint32_t nargs_saved;
    uint32_t *res_local;
    uint32_t nres_saved;
    bool alt;               /* `return e;` leaves e as the result */
    bool in_fn;             /* `return` returns from the function */
    int body_depth;         /* blocks open since the probe body's block */
    bool body_block;        /* the body is wrapped (it has a `return;`) */
    uint32_t pushed;        /* alt: values left on the stack */
    bool bound_vars;        /* wei: bound variables are in vars (the
                             * parameters of a monitor's function) */
    bool at_bind;           /* wei: code the engine runs while binding (a
                             * @static call is then a plain call) */
    Span span;
} Gen;

void gen_push(Gen *G, WasmInstr in);
/* block / loop / if with results res (a type index for several). */
WasmInstr gen_block_instr(WasmModule *m, WasmOpcode op,
                          const WasmValType *res, uint32_t nres);
uint32_t gen_local(Gen *G, WasmValType vt);
void gen_expr(Gen *G, const Expr *e);
void gen_block(Gen *G, const Block *b);
void gen_default(Gen *G, const Type *t);
void gen_store_slot(Gen *G, const Type *t, uint32_t addr);
void gen_load_slot(Gen *G, const Type *t, uint32_t addr);
/* Pops count values (types vt, top last) into fresh temporaries. */
void gen_save_parts(Gen *G, const WasmValType *vt, uint32_t count,
                    uint32_t *tmp);
const GenVar *gen_find_var(const Gen *G, const char *name);
/* Parts [first, first + count) of the variable a name expression names:
 * pushed / stored from the stack. */
void gen_var_parts(Gen *G, const Expr *e, uint32_t first, uint32_t count);
void gen_store_var_parts(Gen *G, const Expr *e, uint32_t first,
                         uint32_t count);
/* Adds delta (1 or -1) to the number of type t on the stack, wrapped. */
void gen_add_const(Gen *G, const Type *t, int delta);
bool gen_uses_return(const Block *b);
/* The `if` statement s of a probe at `br_if depth` whose condition tells
 * whether the branch is taken (then_taken: the then arm runs when it is),
 * with the branch at the end of the arm that runs when it is taken: the
 * probe and the br_if in one (walk.c, "probes that test the branch"). */
void gen_if_branch(Gen *G, const Stmt *s, bool then_taken, uint32_t depth);
uint32_t locals_get(Locals *L, WasmModule *m, WasmValType vt, bool fresh);
void locals_release(Locals *L);
/* [residual if] body [end] of a probe; the body in a block when it has
 * `return;`. */
void gen_guarded_body(Gen *G, const Block *body, Expr *residual);

/* ---- builtins.c: the built-in functions and strings at run time ------------ */
/* A built-in function (docs/instr.md); false if e is none of them. */
bool gen_lang_builtin(Gen *G, const Expr *e);
/* a == b / a != b on strings. */
void gen_str_equal(Gen *G, const Expr *e);
/* (a.addr, a.len, b.addr, b.len) on the stack -> whether a == b. */
void gen_str_eq_call(Gen *G, Span at);
/* s.len(), s.addr(), s.starts_with(p), ...; false for another method. */
bool gen_str_method(Gen *G, const Expr *e);
void gen_heap_reset(Gen *G);

/* ---- gen_tuple.c: tuples (literals and `t.N`) ------------------------------------ */
void gen_tuple(Gen *G, const Expr *e);
/* t.N (nested: t.1.0) */
void gen_field(Gen *G, const Expr *e);
/* t.N = <value on the stack> */
void gen_store_field(Gen *G, const Expr *lhs);
/* a == b / a != b on tuples. */
void gen_tuple_equal(Gen *G, const Expr *e);

/* ---- gen_map.c: maps (docs/instr.md "Maps and tuples"; runtime.h "Maps") --------- */
void gen_map_get(Gen *G, const Expr *e);
void gen_map_set(Gen *G, const Expr *lhs, const Expr *rhs);
void gen_map_step(Gen *G, const Expr *lhs, int delta);

/* ---- gen_core.c: whamm_core's functions (docs/instr.md "whamm_core") ------------ */
/* whamm_core.f(args); false if e is no whamm_core call. */
bool gen_core_call(Gen *G, const Expr *e);
/* whamm_rt_flush, or nothing while the start section runs. */
void gen_core_flush(Gen *G);

/* ---- fns.c: user functions ------------------------------------------------------ */
void emit_declare_fns(Emit *E);
bool emit_build_fns(Emit *E);

#endif
