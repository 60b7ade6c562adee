/* prov_impl.h -- the registry's insides, shared by the files of
 * core/provider/ only (load.c builds it, match.c and info.c read it).
 * Providers and packages keep growable child lists because a later file
 * may add packages or events to them (docs/providers.md); everything else
 * lives in the registry's arena. */
#ifndef WHAMM_PROVIDER_IMPL_H
#define WHAMM_PROVIDER_IMPL_H

#include "registry.h"

typedef struct {
    ProvPackage pub;                 /* first: a ProvPackage * is a node */
    VEC(ProvEvent *) events;         /* pub.events views this */
} PackageNode;

typedef struct {
    ProvProvider pub;                /* first: a ProvProvider * is a node */
    VEC(PackageNode *) packages;     /* pub.packages views this */
} ProviderNode;

struct ProvRegistry {
    Arena arena;                     /* names, docs, types, vars, fns */
    VEC(ProviderNode *) providers;   /* in definition order */
    ProvItems core;                  /* the `whamm:` section */
    const char *core_docs;
    Span core_span;                  /* span.file NULL: not defined yet */
    uint32_t failed_files;           /* files loaded with errors */
};

/* ASCII case-insensitive equality (rule matching is case-insensitive,
 * so names must be unique ignoring case). */
bool prov_name_eq(const char *a, const char *b);

#endif
