/* prov_impl.h -- the registry's insides, shared by the files of
 * core/provider/ only (load.c builds it, match.c and info.c read it), and
 * the layout of the compiled-in definitions (written by
 * core/tools/gen_provider_table.c, loaded by registry.c).
 * Providers and packages keep growable child lists because a later file
 * may add packages or events to them (docs/providers.md); everything else
 * lives in the registry's arena. */
#ifndef WHAMM_PROVIDER_IMPL_H
#define WHAMM_PROVIDER_IMPL_H

#include "registry.h"

typedef struct {
    ProvPackage pub;                 /* first: a ProvPackage * is a node */
    VEC(const ProvEvent *) events;   /* pub.events views this */
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

/* One YAML file the compiled-in definitions were generated from: a copy
 * on disk with the same size and hash is the same text (prov_load_defs). */
typedef struct {
    const char *path;                /* below providers/: "wasm/opcode.yaml" */
    uint64_t size, hash;             /* bytes, prov_text_hash */
} ProvBuiltinFile;

/* The definitions of providers/, loaded and validated by the generator at
 * build time and emitted as static tables: the tree as load.c builds it
 * (same names, docs, types, modes, spans), so loading them only wraps the
 * providers and packages in nodes (prov_load_builtin). */
struct ProvBuiltin {
    const ProvProvider *const *providers;  /* in definition order */
    uint32_t nproviders;
    ProvItems core;                  /* the `whamm:` section */
    const char *core_docs;
    Span core_span;
    const ProvBuiltinFile *files;    /* in load order */
    uint32_t nfiles;
};

/* A 64-bit hash of text[0..len) (not cryptographic: it tells an unedited
 * copy of a definitions file from an edited one). */
uint64_t prov_text_hash(const void *text, size_t len);

/* ASCII case-insensitive equality (rule matching is case-insensitive,
 * so names must be unique ignoring case). */
bool prov_name_eq(const char *a, const char *b);

#endif
