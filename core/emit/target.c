/* target.c -- the context both targets set up and release (target.h). */
#include "target.h"

#include <stdlib.h>
#include <string.h>


void emit_init(Emit *E, Arena *a, WasmModule *m, const EmitScript *scripts,
               uint32_t nscripts, const struct ProvRegistry *reg,
               const EmitOptions *opt, DiagSink *sink, EmitResult *res)
{
    memset(res, 0, sizeof *res);
    memset(E, 0, sizeof *E);
    E->m = m;
    E->reg = reg;
    E->opt = opt;
    E->sink = sink;
    E->a = a;
    E->scripts = scripts;
    E->nscripts = nscripts;
    E->res = res;
    buf_init(&E->image);
    E->libs = arena_alloc(a, sizeof *E->libs * (opt->nlibs + 1));
    for (uint32_t i = 0; i < opt->nlibs; i++)
        E->libs[i].lib = &opt->libs[i];
    emit_declare_fns(E);
    E->map_table_global = E->map_count_global = -1;
}

void emit_release(Emit *E)
{
    emit_libs_fini(E);
    for (uint32_t i = 0; i < E->exps.n; i++)
        vec_free(E->exps.v[i]->cached);
    vec_free(E->strs);
    emit_rows_free(E);
    vec_free(E->init_code);
    vec_free(E->init_locals.own);
    vec_free(E->init_locals.pool);
    free(E->str_hash);
    free(E->entries);
    vec_free(E->maps);
    vec_free(E->report_slot_globals);
    vec_free(E->dyn_maps);
    buf_fini(&E->image);
}
