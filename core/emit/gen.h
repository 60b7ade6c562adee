/* gen.h -- the code generation layer: Wasm code for whamm expressions and
 * statements (codegen.c), the built-in functions (builtins.c) and the
 * script's functions (fns.c). */
#ifndef WHAMM_EMIT_GEN_H
#define WHAMM_EMIT_GEN_H

#include "state.h"

typedef struct {
    const char *name;
    const Type *ty;
    uint32_t local[2];      /* probe/fn local */
    bool slot;
    uint32_t addr;          /* slot: value address */
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
bool gen_uses_return(const Block *b);
uint32_t locals_get(Locals *L, WasmModule *m, WasmValType vt, bool fresh);
void locals_release(Locals *L);
/* [residual if] body [end] of a probe; the body in a block when it has
 * `return;`. */
void gen_guarded_body(Gen *G, const Block *body, Expr *residual);

/* ---- builtins.c: language.md §9.1 and strings at run time ------------------ */
/* A §9.1 built-in; false if e is none of them. */
bool gen_lang_builtin(Gen *G, const Expr *e);
/* a == b / a != b on strings. */
void gen_str_equal(Gen *G, const Expr *e);
/* s.len(), s.addr(), s.starts_with(p), ...; false for another method. */
bool gen_str_method(Gen *G, const Expr *e);
void gen_heap_reset(Gen *G);

/* ---- fns.c: user functions ------------------------------------------------------ */
void emit_declare_fns(Emit *E);
bool emit_build_fns(Emit *E);

#endif
