/* tables.h -- shadow tables (tables.c): whamm's own record of what every
 * funcref table of the input holds, so that the function a `call_indirect`
 * or `table.get` reaches is one load (`resolved_fid`, `resolve_funcref`;
 * docs/instr.md "Call targets").  Only made when a probe resolves call
 * targets. */
#ifndef WHAMM_EMIT_TABLES_H
#define WHAMM_EMIT_TABLES_H

#include "gen.h"

/* Lays out the shadows and fills them from the element segments (the
 * image, or start-up code for offsets known only at run time) when some
 * probe calls resolve_funcref.  Before the walk. */
bool emit_setup_tables(Emit *E);

/* wasm_op_bit()s of the instructions whose sites keep the shadows
 * current (0 without shadows): function bodies with none need no visit
 * for them. */
uint64_t emit_table_ops(const Emit *E);

/* Per function of the walk: the record local of each funcref local
 * (where its value came from; tables.c "origins"). */
typedef struct {
    const WasmValType *types;   /* params then declared locals; NULL:
                                 * unknown (no local is tracked) */
    uint32_t n;
    uint32_t *rec;              /* [n]: record local + 1, 0 none yet */
} EmitFuncRefs;

/* The code that makes the shadows follow instruction i of the body
 * (table.set/fill/grow/copy/init, elem.drop) and the records follow a
 * funcref local.set/local.tee/global.set, after the probes at i were
 * placed.  Code `at_code` goes just before instruction `at` (< i: it keeps
 * the index a table.get read), `before` just before i, `after` just
 * after it.  All empty when i changes no table or record. */
typedef struct {
    Code at_code;
    uint32_t at;
    Code before, after;
} EmitTableCode;
void emit_table_site(Emit *E, EmitFuncRefs *R, Locals *L,
                     const WasmBodyEditor *ed, uint32_t i,
                     EmitTableCode *out);

/* resolved_fid at a table.set, call_ref or return_call_ref site s whose
 * probes read it, before they are placed: the value when known when
 * instrumenting (s->resolved_fid), else code (out, placed before the
 * probes' code) that saves it in local s->resolved_local. */
void emit_resolved_site(Emit *E, EmitFuncRefs *R, Locals *L,
                        const WasmBodyEditor *ed, Site *s,
                        EmitTableCode *out);

/* resolve_funcref(target_funcref, index) at a call_indirect,
 * return_call_indirect or table.get site: the original index of the
 * function in that entry of the site's table, -1 for null, out of range
 * or a function whamm cannot know. */
void gen_resolve_funcref(Gen *G, const Expr *e);
bool gen_target_funcref(Gen *G);

#endif
