/* gen_events_md.c -- writes docs/events.md, the events reference of the
 * book, from the provider definitions (the YAML files of providers/), so
 * that the page cannot drift from what whamm accepts: every provider,
 * package and event in load order (the order that numbers probes), each
 * event with the modes a rule can name and the bound variables and
 * functions a probe there can use.  Items only the engine interface
 * supports (engine_only) are left out, as scripts cannot use them.
 *
 * usage: gen_events_md DEFS_DIR OUT.md
 * The test book.events-in-sync (tests/book) runs it into the build
 * directory and compares with the checked-in page; `ninja regen-docs`
 * rewrites that. */
#include "provider/registry.h"

#include <stdio.h>
#include <string.h>

/* ---- text helpers --------------------------------------------------------- */

/* Docs as one table cell or paragraph: whitespace runs become one space,
 * `|` is escaped (it would end a table cell). */
static void put_docs(Buf *b, const char *docs)
{
    bool space = false;
    for (const char *p = docs ? docs : ""; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = true;
            continue;
        }
        if (space && b->len && b->data[b->len - 1] != '\n')
            buf_push(b, ' ');
        space = false;
        if (*p == '|')
            buf_push(b, '\\');
        buf_push(b, (uint8_t)*p);
    }
}

static void put_type(Buf *b, const Type *t)
{
    ty_print(b, t);
}

/* `name(a: T, b: U) -> R` */
static void put_fn_sig(Buf *b, const ProvFn *f)
{
    buf_printf(b, "%s(", f->name);
    for (uint32_t i = 0; i < f->nparams; i++) {
        buf_printf(b, "%s%s: ", i ? ", " : "", f->param_names[i]);
        put_type(b, f->param_types[i]);
    }
    buf_printf(b, ") -> ");
    put_type(b, f->result);
}

static bool at_site(const ProvVar *v)
{
    return v->lifetime == PROV_LIFE_STATIC;
}

/* ---- lists of bound items ----------------------------------------------- */

/* A table of variables with their docs (provider and package level, the
 * core, the items every event of a package shares). */
static void var_table(Buf *b, const ProvVar *const *vars, uint32_t n)
{
    uint32_t shown = 0;
    for (uint32_t i = 0; i < n; i++)
        shown += !vars[i]->engine_only;
    if (!shown)
        return;
    buf_printf(b, "| variable | type | known | meaning |\n|---|---|---|---|\n");
    for (uint32_t i = 0; i < n; i++) {
        const ProvVar *v = vars[i];
        if (v->engine_only)
            continue;
        buf_printf(b, "| `%s` | `", v->name);
        put_type(b, v->type);
        buf_printf(b, "` | %s | ", at_site(v) ? "at the site" : "at run time");
        put_docs(b, v->docs);
        buf_printf(b, " |\n");
    }
    buf_push(b, '\n');
}

static void fn_table(Buf *b, const ProvFn *const *fns, uint32_t n)
{
    uint32_t shown = 0;
    for (uint32_t i = 0; i < n; i++)
        shown += !fns[i]->engine_only;
    if (!shown)
        return;
    buf_printf(b, "| function | meaning |\n|---|---|\n");
    for (uint32_t i = 0; i < n; i++) {
        if (fns[i]->engine_only)
            continue;
        buf_printf(b, "| `");
        put_fn_sig(b, fns[i]);
        buf_printf(b, "` | ");
        put_docs(b, fns[i]->docs);
        buf_printf(b, " |\n");
    }
    buf_push(b, '\n');
}

static void items_tables(Buf *b, const ProvItems *it)
{
    VEC(const ProvVar *) vars = {0};
    VEC(const ProvFn *) fns = {0};
    for (uint32_t i = 0; i < it->nvars; i++)
        vec_push(vars, &it->vars[i]);
    for (uint32_t i = 0; i < it->nfns; i++)
        vec_push(fns, &it->fns[i]);
    var_table(b, vars.v, vars.n);
    fn_table(b, fns.v, fns.n);
    vec_free(vars);
    vec_free(fns);
}

/* ---- items every event of a package shares -------------------------------- */

static const ProvVar *event_var(const ProvEvent *e, const char *name)
{
    for (uint32_t i = 0; i < e->items.nvars; i++)
        if (strcmp(e->items.vars[i].name, name) == 0)
            return &e->items.vars[i];
    return NULL;
}

static const ProvFn *event_fn(const ProvEvent *e, const char *name)
{
    for (uint32_t i = 0; i < e->items.nfns; i++)
        if (strcmp(e->items.fns[i].name, name) == 0)
            return &e->items.fns[i];
    return NULL;
}

/* Whether every event of pk binds a variable like v (name, type and
 * lifetime; its value may differ).  Packages of one event share nothing:
 * its items go in its row. */
static bool shared_var(const ProvPackage *pk, const ProvVar *v)
{
    if (pk->nevents < 2)
        return false;
    for (uint32_t i = 0; i < pk->nevents; i++) {
        const ProvVar *w = event_var(pk->events[i], v->name);
        if (!w || !ty_equal(w->type, v->type) || w->lifetime != v->lifetime)
            return false;
    }
    return true;
}

static bool same_sig(const ProvFn *a, const ProvFn *b)
{
    if (a->nparams != b->nparams || !ty_equal(a->result, b->result))
        return false;
    for (uint32_t i = 0; i < a->nparams; i++)
        if (!ty_equal(a->param_types[i], b->param_types[i]))
            return false;
    return true;
}

static bool shared_fn(const ProvPackage *pk, const ProvFn *f)
{
    if (pk->nevents < 2)
        return false;
    for (uint32_t i = 0; i < pk->nevents; i++) {
        const ProvFn *g = event_fn(pk->events[i], f->name);
        if (!g || !same_sig(f, g))
            return false;
    }
    return true;
}

/* ---- one package ------------------------------------------------------------ */

/* The modes of an event as rules name them: before, after, alt, ... */
static void put_modes(Buf *b, const ProvEvent *e)
{
    if (!e->nmodes) {
        buf_printf(b, "(none)");
        return;
    }
    for (uint32_t i = 0; i < e->nmodes; i++)
        buf_printf(b, "%s%s", i ? ", " : "",
                   e->modes[i].alias ? e->modes[i].alias : e->modes[i].name);
}

/* `a: T`, ... for the variables of e with the lifetime asked, leaving out
 * the package's shared ones; "" when none. */
static void put_event_vars(Buf *b, const ProvPackage *pk, const ProvEvent *e,
                           bool site)
{
    bool first = true;
    for (uint32_t i = 0; i < e->items.nvars; i++) {
        const ProvVar *v = &e->items.vars[i];
        if (v->engine_only || at_site(v) != site || shared_var(pk, v))
            continue;
        buf_printf(b, "%s`%s: ", first ? "" : ", ", v->name);
        put_type(b, v->type);
        buf_push(b, '`');
        first = false;
    }
}

static void put_event_fns(Buf *b, const ProvPackage *pk, const ProvEvent *e)
{
    bool first = true;
    for (uint32_t i = 0; i < e->items.nfns; i++) {
        const ProvFn *f = &e->items.fns[i];
        if (f->engine_only || shared_fn(pk, f))
            continue;
        buf_printf(b, "%s`%s()`", first ? "" : ", ", f->name);
        first = false;
    }
}

static void shared_items(Buf *b, const ProvPackage *pk)
{
    if (pk->nevents < 2)
        return;
    const ProvEvent *e0 = pk->events[0];
    VEC(const ProvVar *) vars = {0};
    VEC(const ProvFn *) fns = {0};
    for (uint32_t i = 0; i < e0->items.nvars; i++)
        if (shared_var(pk, &e0->items.vars[i]))
            vec_push(vars, &e0->items.vars[i]);
    for (uint32_t i = 0; i < e0->items.nfns; i++)
        if (shared_fn(pk, &e0->items.fns[i]))
            vec_push(fns, &e0->items.fns[i]);
    if (vars.n || fns.n) {
        buf_printf(b, "Every event of this package binds these too:\n\n");
        var_table(b, vars.v, vars.n);
        fn_table(b, fns.v, fns.n);
    }
    vec_free(vars);
    vec_free(fns);
}

static void put_package(Buf *b, const ProvProvider *pv, const ProvPackage *pk)
{
    buf_printf(b, "### `%s:%s`\n\n", pv->name, pk->name);
    put_docs(b, pk->docs);
    buf_printf(b, "\n\n");
    if (pk->items.nvars || pk->items.nfns) {
        buf_printf(b, "Bound in every probe of the package:\n\n");
        items_tables(b, &pk->items);
    }
    if (!pk->nevents) {
        buf_printf(b, "No events: the rule is `%s:%s`.\n\n", pv->name,
                   pk->name);
        return;
    }
    shared_items(b, pk);
    bool docs_column = !pk->opcode_events;
    buf_printf(b, "%u event%s:\n\n| event | modes | at the site | at run time "
               "| functions |%s\n|---|---|---|---|---|%s\n", pk->nevents,
               pk->nevents == 1 ? "" : "s", docs_column ? " meaning |" : "",
               docs_column ? "---|" : "");
    for (uint32_t i = 0; i < pk->nevents; i++) {
        const ProvEvent *e = pk->events[i];
        buf_printf(b, "| `%s` | ", e->name);
        put_modes(b, e);
        buf_printf(b, " | ");
        put_event_vars(b, pk, e, true);
        buf_printf(b, " | ");
        put_event_vars(b, pk, e, false);
        buf_printf(b, " | ");
        put_event_fns(b, pk, e);
        buf_printf(b, " |");
        if (docs_column) {
            buf_push(b, ' ');
            put_docs(b, e->docs);
            buf_printf(b, " |");
        }
        buf_push(b, '\n');
    }
    buf_push(b, '\n');
}

/* ---- the page ------------------------------------------------------------- */

static void put_page(Buf *b, const ProvRegistry *r)
{
    buf_printf(b,
        "# Events\n\n"
        "<!-- Generated by core/tools/gen_events_md.c from the provider "
        "definitions\n"
        "     (providers/). Do not edit: run `ninja -C build regen-docs`. "
        "-->\n\n"
        "Every place a probe can name, with what a probe there can use. "
        "A rule is\n"
        "`provider:package:event:mode` ([reference.md](reference.md#probes)"
        "); the tables\n"
        "list, per event:\n\n"
        "- **modes**: the last part of a rule, as written in rules. An "
        "event without\n"
        "  modes is named with three parts (`wasm:func:entry`), a package "
        "without\n"
        "  events with two (`wasm:begin`).\n"
        "- **at the site**: bound variables known when instrumenting "
        "(static). They\n"
        "  are folded into the predicate at each site, and may be "
        "arguments of\n"
        "  `@static` and `@init` calls and of `unshared`/`report` "
        "initialisers.\n"
        "- **at run time**: bound variables computed when the probe runs "
        "(the\n"
        "  operands, results, addresses, ...).\n"
        "- **functions**: bound functions (`whamm info EVENT -f` gives "
        "their\n"
        "  signatures).\n\n"
        "A name such as `arg[0:9]+` stands for `arg0`, `arg1`, ...; the "
        "type `unknown`\n"
        "means the type depends on the site: give it with a type bound, "
        "for example\n"
        "`wasm:opcode:call(arg0: i32):before`. `argN` are an "
        "instruction's operands\n"
        "(`arg0` is the top of the stack) and `resN` its results, which "
        "exist only in\n"
        "the `after` mode. The variables of the provider and the package "
        "are in scope\n"
        "in each of their events, the core's everywhere. `whamm info "
        "EVENT -v -f`\n"
        "shows one event with the documentation of each item, and "
        "`whamm info -l`\n"
        "lists every rule.\n\n");
    buf_printf(b, "## The core: in scope everywhere\n\n");
    put_docs(b, prov_core_docs(r));
    buf_printf(b, "\n\n");
    items_tables(b, prov_core(r));
    for (uint32_t i = 0; i < prov_provider_count(r); i++) {
        const ProvProvider *pv = prov_provider_at(r, i);
        buf_printf(b, "## Provider `%s`\n\n", pv->name);
        put_docs(b, pv->docs);
        buf_printf(b, "\n\n");
        if (pv->items.nvars || pv->items.nfns) {
            buf_printf(b, "Bound in every probe of the provider:\n\n");
            items_tables(b, &pv->items);
        }
        for (uint32_t k = 0; k < pv->npackages; k++)
            put_package(b, pv, pv->packages[k]);
    }
    /* one newline at the end */
    while (b->len > 1 && b->data[b->len - 1] == '\n' &&
           b->data[b->len - 2] == '\n')
        b->len--;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_events_md DEFS_DIR OUT.md\n");
        return 2;
    }
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *r = prov_registry_new();
    bool ok = prov_load_dir(r, argv[1], &sink);
    if (ok) {
        Buf out;
        buf_init(&out);
        put_page(&out, r);
        char err[512];
        ok = file_write_atomic(argv[2], out.data, out.len, err, sizeof err);
        if (!ok)
            fprintf(stderr, "gen_events_md: %s\n", err);
        buf_fini(&out);
    }
    diag_render(&sink, stderr, false);
    prov_registry_free(r);
    diag_fini(&sink);
    return ok ? 0 : 1;
}
