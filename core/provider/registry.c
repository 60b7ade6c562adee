/* registry.c -- the registry handle: creation, freeing and read-only
 * lookups of the tree that load.c builds (registry.h). */
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
