/* target.c -- a run of a target: the context set up, the target's phases,
 * the context released (target.h). */
#include "target.h"

#include <stdlib.h>
#include <string.h>

static void init(Emit *E, Arena *a, const EmitRun *run)
{
    const EmitOptions *opt = run->opt;
    memset(run->res, 0, sizeof *run->res);
    memset(E, 0, sizeof *E);
    E->m = run->m;
    E->reg = run->reg;
    E->opt = opt;
    E->sink = run->sink;
    E->a = a;
    E->scripts = run->scripts;
    E->nscripts = run->nscripts;
    E->res = run->res;
    E->wei = run->wei;
    zregion_init(&E->image, UINT32_MAX); /* it must fit a 32-bit memory */
    E->libs = arena_alloc(a, sizeof *E->libs * (opt->nlibs + 1));
    for (uint32_t i = 0; i < opt->nlibs; i++)
        E->libs[i].lib = &opt->libs[i];
    emit_declare_fns(E);
    E->map_table_global = E->map_count_global = -1;
}

static void release(Emit *E)
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
    free(E->top_clean);
    vec_free(E->maps);
    vec_free(E->report_slot_globals);
    vec_free(E->dyn_maps);
    buf_fini(&E->derive_table);
    zregion_fini(&E->image);
}

bool emit_run(const EmitRun *run, bool (*phases)(Emit *E))
{
    Arena a;
    arena_init(&a);
    Emit E;
    init(&E, &a, run);
    bool ok = phases(&E);
    release(&E);
    arena_fini(&a);
    return ok && !E.failed;
}
