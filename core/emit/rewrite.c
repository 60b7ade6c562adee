/* rewrite.c -- the rewriting target, emit_instrument(): the order of the
 * emitter's phases (where the state lives: state.c; how start-up and the
 * end are hooked: hooks.c).  The top layer: it uses every file below and
 * nothing uses it but the CLI. */
#include "target.h"
#include "plan.h"
#include "tables.h"
#include "top.h"
#include "walk.h"

#include <string.h>

/* Also true when a script-level report variable is printed although no
 * probe matched: its row is part of what the user asked for. */
static bool anything_matched(const Emit *E)
{
    for (uint32_t i = 0; E->need_report && i < E->globals.n; i++)
        if (E->globals.v[i].is_report)
            return true;
    for (uint32_t i = 0; i < E->res->nprobes; i++)
        if (E->res->probes[i].sites)
            return true;
    return false;
}

/* -v: where the state went and how big it is. */
static void describe_state(const Emit *E, FILE *out)
{
    if (E->top && !E->lazy_memory)
        fprintf(out, "whamm: state: the top of memory 0, above the app's "
                "pages; %u bytes from offset %u there (%u strings, %u "
                "report rows)%s\n", (unsigned)E->image.len, E->base,
                E->strs.n, E->nrows,
                E->need_runtime ? "; runtime merged" : "");
    else
        fprintf(out, "whamm: state: %s, memory %u, %u bytes from address %u "
                "(%u strings, %u report rows)%s\n",
                E->lazy_memory ? "none needed"
                : E->own_memory ? "a memory of its own" : "the app's arena",
                E->state_mem, (unsigned)E->image.len, E->base, E->strs.n,
                E->nrows, E->need_runtime ? "; runtime merged" : "");
    if (E->ncounters)
        fprintf(out, "whamm: %u counter%s summed per straight-line "
                "segment\n", E->ncounters, E->ncounters == 1 ? "" : "s");
    if (E->static_calls)
        fprintf(out, "whamm: %llu @static call%s run while instrumenting, "
                "in %.3f ms\n", (unsigned long long)E->static_calls,
                E->static_calls == 1 ? "" : "s", (double)E->static_ns / 1e6);
    if (E->maps.n)
        fprintf(out, "whamm: %u map%s; %llu map access%s with a static key "
                "(%u entries laid out, updated in place), %llu through the "
                "hash map\n", E->maps.n, E->maps.n == 1 ? "" : "s",
                (unsigned long long)E->static_sites,
                E->static_sites == 1 ? "" : "es", E->nentries,
                (unsigned long long)E->dynamic_sites);
}

/* The rewriting target's phases, in order. */
static bool rewrite_phases(Emit *E)
{
    bool ok = emit_add_globals(E) && emit_plan(E) && emit_setup_state(E);
    if (ok)
        emit_layout_global_maps(E);
    ok = ok && emit_setup_hooks(E) && emit_build_fns(E) &&
         emit_setup_tables(E) && emit_walk(E);
    if (ok) {
        emit_layout_report(E);
        ok = emit_finish_hooks(E);
        emit_finish_maps(E); /* after the last code that names a map */
        ok = ok && emit_finish_state(E) && emit_finish_top(E);
    }
    if (ok && E->opt->verbose)
        describe_state(E, E->opt->verbose);
    E->res->changed = anything_matched(E);
    return ok;
}

bool emit_instrument(WasmModule *m, const EmitScript *scripts,
                     uint32_t nscripts, const struct ProvRegistry *reg,
                     const EmitOptions *opt, DiagSink *sink, EmitResult *res)
{
    EmitRun run = {m, scripts, nscripts, reg, opt, sink, res, false};
    return emit_run(&run, rewrite_phases);
}

void emit_result_fini(EmitResult *res)
{
    free(res->probes);
    res->probes = NULL;
    res->nprobes = 0;
}
