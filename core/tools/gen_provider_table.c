/* gen_provider_table.c -- compiles the provider definitions into the
 * `whamm` executable.  At build time it loads providers/ with the loader
 * every run used to use (prov_load_dir: libyaml, schema.def, the opcode
 * and engine completeness checks), so a bad YAML file fails the build with
 * the usual file:line:col diagnostics, and then writes the registry it got
 * as static C tables (struct ProvBuiltin in core/provider/prov_impl.h).
 * Loading those at start-up costs a few hundred pointer copies instead of
 * parsing ~190 KB of YAML (docs/providers.md "Where definitions are
 * found").
 *
 * usage: gen_provider_table DEFS_DIR OUT.c
 * core/CMakeLists.txt runs it whenever a file below providers/ changes;
 * the test provider.builtin-same (tests/provider) checks that the tables
 * and the YAML give the same registry.
 *
 * Output shape: each distinct string, type and array is emitted once (the
 * opcode events share most of their docs and modes through YAML anchors),
 * and every definition comes before its first use. */
#include "provider/prov_impl.h"
#include "wasm/wasm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a string -> name table (deduplication) --------------------------- */

typedef struct {
    char **keys;              /* owned copies; NULL: empty slot */
    uint32_t *ids;
    uint32_t cap, n;
} Dedup;

static uint64_t key_hash(const char *s)
{
    return prov_text_hash(s, strlen(s));
}

static void dedup_grow(Dedup *d);

/* The id of key, adding it as id `next` if new; *o_new says which. */
static uint32_t dedup_get(Dedup *d, const char *key, uint32_t next,
                          bool *o_new)
{
    if (d->n * 2 >= d->cap)
        dedup_grow(d);
    uint32_t i = (uint32_t)(key_hash(key) & (d->cap - 1));
    while (d->keys[i] && strcmp(d->keys[i], key))
        i = (i + 1) & (d->cap - 1);
    *o_new = !d->keys[i];
    if (*o_new) {
        d->keys[i] = xstrdup(key);
        d->ids[i] = next;
        d->n++;
    }
    return d->ids[i];
}

static void dedup_grow(Dedup *d)
{
    Dedup old = *d;
    d->cap = old.cap ? old.cap * 2 : 256;
    d->keys = xcalloc(d->cap, sizeof *d->keys);
    d->ids = xcalloc(d->cap, sizeof *d->ids);
    d->n = 0;
    for (uint32_t i = 0; i < old.cap; i++)
        if (old.keys[i]) {
            bool fresh;
            dedup_get(d, old.keys[i], old.ids[i], &fresh);
            free(old.keys[i]);
        }
    free(old.keys);
    free(old.ids);
}

static void dedup_fini(Dedup *d)
{
    for (uint32_t i = 0; i < d->cap; i++)
        free(d->keys[i]);
    free(d->keys);
    free(d->ids);
}

/* ---- the generator ---------------------------------------------------- */

typedef struct {
    Buf out;                  /* definitions, in dependency order */
    Dedup strs, defs;         /* string literals; other definitions */
    uint32_t nstrs, ndefs;
    const DiagSink *sink;     /* its sources: the files loaded, in order */
    const char *dir;          /* DEFS_DIR as given */
} Gen;

/* A C string literal: quotes, backslashes, `?` (trigraphs) and every
 * byte outside printable ASCII are escaped (octal, always 3 digits). */
static void put_literal(Buf *b, const char *s)
{
    buf_push(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\' || c == '?')
            buf_printf(b, "\\%c", c);
        else if (c == '\n')
            buf_printf(b, "\\n");
        else if (c < 0x20 || c >= 0x7f)
            buf_printf(b, "\\%03o", c);
        else
            buf_push(b, c);
    }
    buf_push(b, '"');
}

/* Appends to b an expression for the string s: NULL, or the name of its
 * one pooled copy. */
static void put_str(Gen *g, Buf *b, const char *s)
{
    if (!s) {
        buf_printf(b, "NULL");
        return;
    }
    bool fresh;
    uint32_t id = dedup_get(&g->strs, s, g->nstrs, &fresh);
    if (fresh) {
        g->nstrs++;
        buf_printf(&g->out, "static const char s%u[] = ", id);
        put_literal(&g->out, s);
        buf_printf(&g->out, ";\n");
    }
    buf_printf(b, "s%u", id);
}

/* Emits "static const DECL_TYPE dN<SUFFIX> = BODY;" once per distinct
 * (type, body) and appends its name dN to b. */
static void put_def(Gen *g, Buf *b, const char *decl_type, const char *suffix,
                    const Buf *body)
{
    Buf key;
    buf_init(&key);
    buf_printf(&key, "%s%s=%.*s", decl_type, suffix, (int)body->len,
               (const char *)body->data);
    buf_push(&key, 0);
    bool fresh;
    uint32_t id = dedup_get(&g->defs, (const char *)key.data, g->ndefs,
                            &fresh);
    buf_fini(&key);
    if (fresh) {
        g->ndefs++;
        buf_printf(&g->out, "static const %s d%u%s = %.*s;\n", decl_type, id,
                   suffix, (int)body->len, (const char *)body->data);
    }
    buf_printf(b, "d%u", id);
}

/* A span's file as the path below the definitions directory, prefixed
 * with providers/ (what `--defs-path .` in the source tree shows). */
static void put_span(Gen *g, Buf *b, Span s)
{
    const char *f = s.file;
    size_t n = strlen(g->dir);
    Buf path;
    buf_init(&path);
    if (f && !strncmp(f, g->dir, n) && f[n] == '/')
        buf_printf(&path, "providers%s", f + n);
    else
        buf_printf(&path, "%s", f ? f : "");
    buf_push(&path, 0);
    buf_printf(b, "{");
    put_str(g, b, f ? (const char *)path.data : NULL);
    buf_printf(b, ", %u, %u, %u}", s.line, s.col, s.len);
    buf_fini(&path);
}

static const char *const kind_names[TY_KIND_COUNT] = {
    "TY_U8", "TY_I8", "TY_U16", "TY_I16", "TY_U32", "TY_I32", "TY_F32",
    "TY_U64", "TY_I64", "TY_F64", "TY_BOOL", "TY_STR", "TY_FUNCREF",
    "TY_TUPLE", "TY_MAP", "TY_UNKNOWN",
};
_Static_assert(TY_UNKNOWN + 1 == TY_KIND_COUNT, "kind_names");

/* An expression of type `const Type *`: a primitive (and `()`) is the
 * singleton ty_prims[kind], so pointer comparisons with ty_prim() and
 * ty_unit() keep working; tuples and maps are emitted as static Types. */
static void put_type(Gen *g, Buf *b, const Type *t)
{
    if (t->kind != TY_TUPLE && t->kind != TY_MAP) {
        buf_printf(b, "&ty_prims[%s]", kind_names[t->kind]);
        return;
    }
    if (t->kind == TY_TUPLE && t->n == 0) {
        buf_printf(b, "&ty_prims[TY_TUPLE]");
        return;
    }
    Buf body, elems;
    buf_init(&body);
    buf_init(&elems);
    if (t->kind == TY_TUPLE) {
        buf_printf(&elems, "{");
        for (uint32_t i = 0; i < t->n; i++) {
            buf_printf(&elems, "%s", i ? ", " : "");
            put_type(g, &elems, t->elems[i]);
        }
        buf_printf(&elems, "}");
        buf_printf(&body, "{TY_TUPLE, %u, ", t->n);
        put_def(g, &body, "Type *const", "[]", &elems);
        buf_printf(&body, ", NULL, NULL}");
    } else {
        buf_printf(&body, "{TY_MAP, 0, NULL, ");
        put_type(g, &body, t->key);
        buf_printf(&body, ", ");
        put_type(g, &body, t->val);
        buf_printf(&body, "}");
    }
    buf_printf(b, "&");
    put_def(g, b, "Type", "", &body);
    buf_fini(&body);
    buf_fini(&elems);
}

static const char *const life_names[] = {
    "PROV_LIFE_STATIC", "PROV_LIFE_DYNAMIC", "PROV_LIFE_DERIVED",
    "PROV_LIFE_USER",
};

static const char *const mode_names[PROV_MODE_COUNT] = {
#define MODE(Name, text, user) "PROV_MODE_" #Name,
#include "provider/modes.def"
#undef MODE
};

static const char *const op_names[WASM_OP_COUNT] = {
#define WASM_OP(Name, text, prefix, code, imm, sig, cat, feat, flags)         \
    "WASM_OP_" #Name,
#include "wasm/opcodes.def"
#undef WASM_OP
};

/* ---- the tree ----------------------------------------------------------- */

/* `NULL, 0` or `dN, n` for an array of n elements with body items. */
static void put_array(Gen *g, Buf *b, const char *decl_type, uint32_t n,
                      const Buf *items)
{
    if (!n) {
        buf_printf(b, "NULL, 0");
        return;
    }
    Buf body;
    buf_init(&body);
    buf_printf(&body, "{\n%.*s}", (int)items->len, (const char *)items->data);
    put_def(g, b, decl_type, "[]", &body);
    buf_printf(b, ", %u", n);
    buf_fini(&body);
}

static void put_var(Gen *g, Buf *b, const ProvVar *v)
{
    buf_printf(b, "    {");
    put_str(g, b, v->name);
    buf_printf(b, ", ");
    put_str(g, b, v->prefix);
    buf_printf(b, ", ");
    put_str(g, b, v->docs);
    buf_printf(b, ", ");
    put_type(g, b, v->type);
    buf_printf(b, ", %s, ", life_names[v->lifetime]);
    put_str(g, b, v->derived_from);
    buf_printf(b, ", ");
    put_span(g, b, v->derived_span);
    buf_printf(b, ", %s, ", v->engine_only ? "true" : "false");
    put_span(g, b, v->span);
    buf_printf(b, "},\n");
}

static void put_fn(Gen *g, Buf *b, const ProvFn *f)
{
    Buf names, types;
    buf_init(&names);
    buf_init(&types);
    for (uint32_t i = 0; i < f->nparams; i++) {
        put_str(g, &names, f->param_names[i]);
        buf_printf(&names, ", ");
        put_type(g, &types, f->param_types[i]);
        buf_printf(&types, ", ");
    }
    buf_printf(b, "    {");
    put_str(g, b, f->name);
    buf_printf(b, ", ");
    put_str(g, b, f->docs);
    buf_printf(b, ", %u, ", f->nparams);
    if (f->nparams) {
        Buf body;
        buf_init(&body);
        buf_printf(&body, "{%.*s}", (int)names.len, (const char *)names.data);
        put_def(g, b, "char *const", "[]", &body);
        buf_printf(b, ", ");
        body.len = 0;
        buf_printf(&body, "{%.*s}", (int)types.len, (const char *)types.data);
        put_def(g, b, "Type *const", "[]", &body);
        buf_fini(&body);
    } else {
        buf_printf(b, "NULL, NULL");
    }
    buf_printf(b, ", ");
    put_type(g, b, f->result);
    buf_printf(b, ", %d, %s, %s, ", f->req_args, life_names[f->lifetime],
               f->engine_only ? "true" : "false");
    put_span(g, b, f->span);
    buf_printf(b, "},\n");
    buf_fini(&names);
    buf_fini(&types);
}

/* `{vars, nvars, fns, nfns}` of one level. */
static void put_items(Gen *g, Buf *b, const ProvItems *it)
{
    Buf vars, fns;
    buf_init(&vars);
    buf_init(&fns);
    for (uint32_t i = 0; i < it->nvars; i++)
        put_var(g, &vars, &it->vars[i]);
    for (uint32_t i = 0; i < it->nfns; i++)
        put_fn(g, &fns, &it->fns[i]);
    buf_printf(b, "{");
    put_array(g, b, "ProvVar", it->nvars, &vars);
    buf_printf(b, ", ");
    put_array(g, b, "ProvFn", it->nfns, &fns);
    buf_printf(b, "}");
    buf_fini(&vars);
    buf_fini(&fns);
}

static void put_modes(Gen *g, Buf *b, const ProvEvent *ev)
{
    Buf items;
    buf_init(&items);
    for (uint32_t i = 0; i < ev->nmodes; i++) {
        const ProvMode *m = &ev->modes[i];
        buf_printf(&items, "    {");
        put_str(g, &items, m->name);
        buf_printf(&items, ", ");
        put_str(g, &items, m->alias);
        buf_printf(&items, ", ");
        put_str(g, &items, m->docs);
        buf_printf(&items, ", %s, ", mode_names[m->kind]);
        put_span(g, &items, m->span);
        buf_printf(&items, "},\n");
    }
    put_array(g, b, "ProvMode", ev->nmodes, &items);
    buf_fini(&items);
}

/* `&dN`: the event as a static ProvEvent. */
static void put_event(Gen *g, Buf *b, const ProvEvent *ev)
{
    Buf body;
    buf_init(&body);
    buf_printf(&body, "{");
    put_str(g, &body, ev->name);
    buf_printf(&body, ", ");
    put_str(g, &body, ev->docs);
    buf_printf(&body, ", ");
    put_items(g, &body, &ev->items);
    buf_printf(&body, ", ");
    put_modes(g, &body, ev);
    if (ev->opcode >= 0)
        buf_printf(&body, ", %s, ", op_names[ev->opcode]);
    else
        buf_printf(&body, ", -1, ");
    put_span(g, &body, ev->span);
    buf_printf(&body, "}");
    buf_printf(b, "&");
    put_def(g, b, "ProvEvent", "", &body);
    buf_fini(&body);
}

static void put_package(Gen *g, Buf *b, const ProvPackage *pk)
{
    Buf evs, body;
    buf_init(&evs);
    buf_init(&body);
    for (uint32_t i = 0; i < pk->nevents; i++) {
        buf_printf(&evs, "    ");
        put_event(g, &evs, pk->events[i]);
        buf_printf(&evs, ",\n");
    }
    buf_printf(&body, "{");
    put_str(g, &body, pk->name);
    buf_printf(&body, ", ");
    put_str(g, &body, pk->docs);
    buf_printf(&body, ", ");
    put_items(g, &body, &pk->items);
    buf_printf(&body, ", %s, ", pk->opcode_events ? "true" : "false");
    put_array(g, &body, "ProvEvent *const", pk->nevents, &evs);
    buf_printf(&body, ", ");
    put_span(g, &body, pk->span);
    buf_printf(&body, "}");
    buf_printf(b, "&");
    put_def(g, b, "ProvPackage", "", &body);
    buf_fini(&evs);
    buf_fini(&body);
}

static void put_provider(Gen *g, Buf *b, const ProvProvider *pv)
{
    Buf pks, body;
    buf_init(&pks);
    buf_init(&body);
    for (uint32_t i = 0; i < pv->npackages; i++) {
        buf_printf(&pks, "    ");
        put_package(g, &pks, pv->packages[i]);
        buf_printf(&pks, ",\n");
    }
    buf_printf(&body, "{");
    put_str(g, &body, pv->name);
    buf_printf(&body, ", ");
    put_str(g, &body, pv->docs);
    buf_printf(&body, ", ");
    put_items(g, &body, &pv->items);
    buf_printf(&body, ", ");
    put_array(g, &body, "ProvPackage *const", pv->npackages, &pks);
    buf_printf(&body, ", %u, ", pv->index);
    put_span(g, &body, pv->span);
    buf_printf(&body, "}");
    buf_printf(b, "&");
    put_def(g, b, "ProvProvider", "", &body);
    buf_fini(&pks);
    buf_fini(&body);
}

/* The files loaded (the sink's sources, in load order), relative to the
 * definitions directory, with the size and hash of their text. */
static void put_files(Gen *g, Buf *b)
{
    Buf items;
    buf_init(&items);
    size_t n = strlen(g->dir);
    for (uint32_t i = 0; i < g->sink->sources.n; i++) {
        const DiagSource *s = &g->sink->sources.v[i];
        const char *rel = s->path;
        if (!strncmp(rel, g->dir, n) && rel[n] == '/')
            rel += n + 1;
        buf_printf(&items, "    {");
        put_str(g, &items, rel);
        buf_printf(&items, ", %zu, UINT64_C(0x%016llx)},\n", s->len,
                   (unsigned long long)prov_text_hash(s->text, s->len));
    }
    put_array(g, b, "ProvBuiltinFile", g->sink->sources.n, &items);
    buf_fini(&items);
}

static void put_registry(Gen *g, const ProvRegistry *r)
{
    Buf top, pvs;
    buf_init(&top);
    buf_init(&pvs);
    for (uint32_t i = 0; i < prov_provider_count(r); i++) {
        buf_printf(&pvs, "    ");
        put_provider(g, &pvs, prov_provider_at(r, i));
        buf_printf(&pvs, ",\n");
    }
    buf_printf(&top, "const ProvBuiltin prov_builtin_defs = {\n    ");
    put_array(g, &top, "ProvProvider *const", prov_provider_count(r), &pvs);
    buf_printf(&top, ",\n    ");
    put_items(g, &top, prov_core(r));
    buf_printf(&top, ",\n    ");
    put_str(g, &top, r->core_docs);
    buf_printf(&top, ",\n    ");
    put_span(g, &top, r->core_span);
    buf_printf(&top, ",\n    ");
    put_files(g, &top);
    buf_printf(&top, ",\n};\n");
    buf_append(&g->out, top.data, top.len);
    buf_fini(&top);
    buf_fini(&pvs);
}

static bool generate(const char *dir, const char *out_path)
{
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *r = prov_registry_new();
    bool ok = prov_load_dir(r, dir, &sink);
    if (ok) {
        Gen g = {.sink = &sink, .dir = dir};
        buf_init(&g.out);
        buf_printf(&g.out, "/* provider_defs.c -- generated from %s by "
                   "core/tools/gen_provider_table.c: do not edit. */\n"
                   "#include \"provider/prov_impl.h\"\n"
                   "#include \"wasm/wasm.h\"\n\n", "providers/");
        put_registry(&g, r);
        char err[512];
        ok = file_write_atomic(out_path, g.out.data, g.out.len, err,
                               sizeof err);
        if (!ok)
            fprintf(stderr, "gen_provider_table: %s\n", err);
        buf_fini(&g.out);
        dedup_fini(&g.strs);
        dedup_fini(&g.defs);
    }
    diag_render(&sink, stderr, false);
    prov_registry_free(r);
    diag_fini(&sink);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_provider_table DEFS_DIR OUT.c\n");
        return 2;
    }
    return generate(argv[1], argv[2]) ? 0 : 1;
}
