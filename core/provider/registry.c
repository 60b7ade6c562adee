/* registry.c -- the registry handle: creation, freeing, the compiled-in
 * definitions, and read-only lookups of the tree that load.c builds
 * (registry.h). */
#include "prov_impl.h"

#include <stdlib.h>

/* ---- the registry --------------------------------------------------------- */

ProvRegistry *prov_registry_new(void)
{
    ProvRegistry *r = xcalloc(1, sizeof *r);
    arena_init(&r->arena);
    return r;
}

void prov_registry_free(ProvRegistry *r)
{
    if (!r)
        return;
    for (uint32_t i = 0; i < r->providers.n; i++) {
        ProviderNode *pv = r->providers.v[i];
        for (uint32_t j = 0; j < pv->packages.n; j++)
            vec_free(pv->packages.v[j]->events);
        vec_free(pv->packages);
    }
    vec_free(r->providers);
    arena_fini(&r->arena);
    free(r);
}

/* ---- the compiled-in definitions --------------------------------------- */

/* The static tree is what load.c would build, except that providers and
 * packages are nodes with growable child lists: wrap them, pointing at the
 * static events and packages.  A few hundred pointers, no copying. */
static PackageNode *wrap_package(ProvRegistry *r, const ProvPackage *p)
{
    PackageNode *pk = arena_alloc(&r->arena, sizeof *pk);
    pk->pub = *p;
    for (uint32_t i = 0; i < p->nevents; i++)
        vec_push(pk->events, p->events[i]);
    return pk;
}

static ProviderNode *wrap_provider(ProvRegistry *r, const ProvProvider *p)
{
    ProviderNode *pv = arena_alloc(&r->arena, sizeof *pv);
    pv->pub = *p;
    for (uint32_t i = 0; i < p->npackages; i++) {
        PackageNode *pk = wrap_package(r, p->packages[i]);
        vec_push(pv->packages, pk);
    }
    pv->pub.packages = (const ProvPackage *const *)pv->packages.v;
    pv->pub.index = r->providers.n;
    return pv;
}

void prov_load_builtin(ProvRegistry *r, const ProvBuiltin *b)
{
    for (uint32_t i = 0; i < b->nproviders; i++) {
        ProviderNode *pv = wrap_provider(r, b->providers[i]);
        vec_push(r->providers, pv);
    }
    r->core = b->core;
    r->core_docs = b->core_docs;
    r->core_span = b->core_span;
}

/* ---- the tree ----------------------------------------------------------- */

uint32_t prov_provider_count(const ProvRegistry *r) { return r->providers.n; }

const ProvProvider *prov_provider_at(const ProvRegistry *r, uint32_t i)
{
    return i < r->providers.n ? &r->providers.v[i]->pub : NULL;
}

const ProvProvider *prov_provider_find(const ProvRegistry *r,
                                       const char *name)
{
    for (uint32_t i = 0; i < r->providers.n; i++)
        if (prov_name_eq(r->providers.v[i]->pub.name, name))
            return &r->providers.v[i]->pub;
    return NULL;
}

const ProvPackage *prov_package_find(const ProvProvider *p, const char *name)
{
    for (uint32_t i = 0; i < p->npackages; i++)
        if (prov_name_eq(p->packages[i]->name, name))
            return p->packages[i];
    return NULL;
}

const ProvEvent *prov_event_find(const ProvPackage *p, const char *name)
{
    for (uint32_t i = 0; i < p->nevents; i++)
        if (prov_name_eq(p->events[i]->name, name))
            return p->events[i];
    return NULL;
}

const ProvItems *prov_core(const ProvRegistry *r) { return &r->core; }

const char *prov_core_docs(const ProvRegistry *r)
{
    return r->core_docs ? r->core_docs : "";
}
