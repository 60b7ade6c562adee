/* registry.c -- the provider registry as the checker's provider (lang.h
 * TcRegistryProvider; docs/language.md "The provider interface").  Rules
 * are expanded by core/provider's prov_match_rule; each match's scope
 * (core -> provider -> package -> event) becomes the TcMatch the checker
 * resolves names in. */
#include "lang.h"

#include "../provider/registry.h"

#include <stdio.h>
#include <string.h>

static TcLifetime lifetime(ProvLifetime l)
{
    switch (l) {
    case PROV_LIFE_STATIC: return TC_STATIC;
    case PROV_LIFE_DERIVED: return TC_DERIVED;
    default: return TC_DYNAMIC;
    }
}

/* A literal derived_from makes the variable a constant of its event
 * (docs/providers.md "Schema"), which the checker substitutes before
 * typing (`var v: i16 = bytecode;` is then valid).  Only a cheap test
 * here: the checker parses the text where the name is used. */
static const char *literal_text(const ProvVar *v)
{
    const char *t = v->derived_from;
    return t && !v->prefix && lex_is_literal(t, strlen(t)) ? t : NULL;
}

static void convert_vars(const TcRegistryProvider *p, const ProvMatch *pm,
                         Arena *a, TcMatch *m)
{
    ProvVarList vars = {0};
    prov_scope_vars(p->reg, pm, &vars);
    TcBoundVar *out = arena_alloc(a, sizeof *out * (vars.n + 1));
    uint32_t n = 0;
    for (uint32_t i = 0; i < vars.n; i++) {
        const ProvVar *v = vars.v[i];
        if (v->engine_only && !p->engine)
            continue; /* only meaningful for an engine (wei) */
        out[n].name = v->prefix ? v->prefix : v->name;
        out[n].pattern = v->prefix != NULL;
        out[n].ty = v->type;
        out[n].life = lifetime(v->lifetime);
        out[n].literal = literal_text(v);
        out[n].derived_from = v->derived_from;
        if (out[n].literal)
            out[n].life = TC_STATIC;
        n++;
    }
    m->vars = out;
    m->nvars = n;
    vec_free(vars);
}

static void convert_fns(const TcRegistryProvider *p, const ProvMatch *pm,
                        Arena *a, TcMatch *m)
{
    ProvFnList fns = {0};
    prov_scope_fns(p->reg, pm, &fns);
    TcBoundFn *out = arena_alloc(a, sizeof *out * (fns.n + 1));
    uint32_t n = 0;
    for (uint32_t i = 0; i < fns.n; i++) {
        const ProvFn *f = fns.v[i];
        if (f->engine_only && !p->engine)
            continue;
        out[n].name = f->name;
        out[n].params = f->param_types;
        out[n].nparams = f->nparams;
        out[n].result = f->result;
        out[n].is_static = f->lifetime == PROV_LIFE_STATIC;
        n++;
    }
    m->fns = out;
    m->nfns = n;
    vec_free(fns);
}

static const TcMatch *convert(const TcRegistryProvider *p,
                              const ProvMatch *pm, Arena *a)
{
    TcMatch *m = arena_alloc(a, sizeof *m);
    Buf name;
    buf_init(&name);
    prov_match_name(&name, pm, false);
    m->rule = arena_strndup(a, (const char *)name.data, name.len);
    buf_fini(&name);
    m->event = pm->event ? pm->event->name : pm->package->name;
    convert_vars(p, pm, a, m);
    convert_fns(p, pm, a, m);
    return m;
}

/* ---- rule shape ---------------------------------------------------------------- */

/* One part as rules match it: empty is `*`, `|` separates alternatives. */
static bool part_matches(const char *part, const char *name)
{
    if (!*part)
        return true;
    for (;;) {
        size_t n = strcspn(part, "|");
        if (prov_glob_match(part, n, name))
            return true;
        if (!part[n])
            return false;
        part += n + 1;
    }
}

/* An event the rule names that exists with the other shape: events with
 * modes need 4 parts, events without need 3 (an error, not the warning of
 * a rule that matches nothing). */
static const ProvEvent *shape_mismatch(const ProvRegistry *reg,
                                       const char *const *parts,
                                       uint32_t nparts)
{
    if (nparts != 3 && nparts != 4)
        return NULL;
    for (uint32_t i = 0; i < prov_provider_count(reg); i++) {
        const ProvProvider *pv = prov_provider_at(reg, i);
        if (!part_matches(parts[0], pv->name))
            continue;
        for (uint32_t j = 0; j < pv->npackages; j++) {
            const ProvPackage *pk = pv->packages[j];
            if (!part_matches(parts[1], pk->name))
                continue;
            for (uint32_t k = 0; k < pk->nevents; k++) {
                const ProvEvent *ev = pk->events[k];
                if (part_matches(parts[2], ev->name) &&
                    (ev->nmodes > 0) != (nparts == 4))
                    return ev;
            }
        }
    }
    return NULL;
}

static void shape_error(const ProvEvent *ev, uint32_t nparts,
                        TcExpandError *err)
{
    err->part = nparts - 1;
    snprintf(err->msg, sizeof err->msg, "`%s` needs a rule with %s",
             ev->name, nparts == 3 ? "4 parts: add a mode, e.g. `:before`"
                                   : "3 parts (it has no modes)");
}

/* The part holding an invalid glob (0 if none is found). */
static uint32_t bad_glob_part(const char *const *parts, uint32_t nparts)
{
    for (uint32_t i = 0; i < nparts; i++)
        if (prov_glob_check(parts[i], strlen(parts[i])) >= 0)
            return i;
    return 0;
}

/* ---- expand ------------------------------------------------------------------ */

static void join_parts(Buf *b, const char *const *parts, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            buf_push(b, ':');
        buf_printf(b, "%s", parts[i]);
    }
}

/* The registry's first diagnostic becomes the checker's message, and its
 * "did you mean" note the hint. */
static void first_message(const DiagSink *sink, TcExpandError *err)
{
    if (sink->diags.n == 0)
        return;
    const Diag *d = &sink->diags.v[0];
    snprintf(err->msg, sizeof err->msg, "%s", d->msg);
    for (const DiagNote *n = d->notes; n; n = n->next)
        if (strncmp(n->msg, "did you mean", 12) == 0)
            snprintf(err->hint, sizeof err->hint, "%s", n->msg);
}

static TcExpandStatus expand(void *ctx, const char *const *parts,
                             uint32_t nparts, Arena *a,
                             const TcMatch *const **out, uint32_t *nout,
                             TcExpandError *err)
{
    const TcRegistryProvider *p = ctx;
    const ProvRegistry *reg = p->reg;
    memset(err, 0, sizeof *err);
    *out = NULL;
    *nout = 0;
    Buf rule;
    buf_init(&rule);
    join_parts(&rule, parts, nparts);
    DiagSink quiet; /* the checker reports, with its own spans */
    diag_init(&quiet);
    ProvMatchList ml = {0};
    ProvPart failed;
    bool ok = prov_match_rule(reg, (const char *)rule.data, rule.len,
                              (Span){0}, PROV_NOMATCH_WARN, NULL, &ml,
                              &failed, &quiet);
    TcExpandStatus st = TC_EXPAND_OK;
    if (ok) {
        const TcMatch **v = arena_alloc(a, sizeof *v * ml.n);
        for (uint32_t i = 0; i < ml.n; i++)
            v[i] = convert(p, &ml.v[i], a);
        *out = v;
        *nout = ml.n;
    } else if (failed == PROV_PART_NONE) { /* malformed rule */
        st = TC_EXPAND_BAD;
        err->part = bad_glob_part(parts, nparts);
        first_message(&quiet, err);
    } else if (shape_mismatch(reg, parts, nparts)) {
        st = TC_EXPAND_BAD;
        shape_error(shape_mismatch(reg, parts, nparts), nparts, err);
    } else {
        st = TC_EXPAND_NOMATCH;
        err->part = (uint32_t)failed;
        first_message(&quiet, err);
    }
    vec_free(ml);
    diag_fini(&quiet);
    buf_fini(&rule);
    return st;
}

void tc_registry_provider_init(TcRegistryProvider *p,
                               const struct ProvRegistry *reg)
{
    p->base.ctx = p;
    p->base.expand = expand;
    p->reg = reg;
    p->engine = false;
}
