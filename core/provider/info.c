/* info.c -- what `whamm info` prints about a rule's matches: the text
 * layout of the reference (sections for the whamm core, providers,
 * packages, events and modes, 100-dash separators, 4-space indents;
 * colours only when asked; docs/providers.md "`whamm info`"), or one JSON
 * object for tools (--json).
 * We print derived_from as written in the YAML rather than re-printing a
 * parsed expression. */
#include "prov_impl.h"
#include "../lang/lang.h"

#include <string.h>

#define DASHES 100

typedef struct {
    FILE *out;
    const ProvInfoOptions *o;
    const char *echo;         /* the rule, empty parts shown as `*` */
    const ProvMatchList *ml;  /* what the rule matched */
} Info;

typedef VEC(const void *) PtrList;

/* ---- which variables each mode can use ------------------------------------ */

/* The matches a level's items are in scope for: NULL fields match any. */
typedef struct {
    const ProvProvider *provider;
    const ProvPackage *package;
    const ProvEvent *event;
} Scope;

static bool in_scope(const Scope *sc, const ProvMatch *m)
{
    return (!sc->provider || m->provider == sc->provider) &&
           (!sc->package || m->package == sc->package) &&
           (!sc->event || m->event == sc->event);
}

/* Whether v exists at match m, by the checker's own rule (the mode is the
 * last part of the match's name, as the checker sees it); a pattern
 * (res[0:9]+) stands for its first name (res0). */
static bool var_at_match(const ProvVar *v, const ProvMatch *m)
{
    Buf name, var;
    buf_init(&name);
    buf_init(&var);
    prov_match_name(&name, m, false);
    buf_push(&name, 0);
    buf_printf(&var, "%s%s", v->prefix ? v->prefix : v->name,
               v->prefix ? "0" : "");
    buf_push(&var, 0);
    const char *mode = strrchr((const char *)name.data, ':');
    const char *derived = v->lifetime == PROV_LIFE_DERIVED ? v->derived_from
                                                           : NULL;
    bool ok = !mode || tc_var_in_mode((const char *)var.data,
                                      v->lifetime == PROV_LIFE_DYNAMIC,
                                      derived, mode + 1);
    buf_fini(&name);
    buf_fini(&var);
    return ok;
}

/* Of the matches in scope, how many can use v; *o_modes gets the modes
 * (as rules write them) of those that can, ", "-separated. */
static uint32_t usable_at(const ProvMatchList *ml, const Scope *sc,
                          const ProvVar *v, uint32_t *o_total, Buf *o_modes)
{
    uint32_t n = 0;
    *o_total = 0;
    for (uint32_t i = 0; ml && i < ml->n; i++) {
        const ProvMatch *m = &ml->v[i];
        if (!in_scope(sc, m))
            continue;
        ++*o_total;
        if (!var_at_match(v, m))
            continue;
        n++;
        const char *md = !m->mode ? NULL
                         : m->mode->alias ? m->mode->alias : m->mode->name;
        char tick[80];
        snprintf(tick, sizeof tick, "`%.70s`", md ? md : "");
        /* buf_printf keeps the text NUL-terminated */
        if (md && (!o_modes->len || !strstr((const char *)o_modes->data,
                                            tick)))
            buf_printf(o_modes, "%s%s", o_modes->len ? ", " : "", tick);
    }
    return n;
}

static void paint(const Info *in, const char *code)
{
    if (in->o->color)
        fputs(code, in->out);
}

static void push_unique(PtrList *l, const void *p)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->v[i] == p)
            return;
    vec_push(*l, p);
}

/* Display form with ", " separators; unknown says it is not checked. */
static void type_text(Buf *b, const Type *t)
{
    if (t->kind == TY_UNKNOWN) {
        buf_printf(b, "unknown, not type checked");
        return;
    }
    Buf tmp;
    buf_init(&tmp);
    ty_print(&tmp, t);
    for (size_t i = 0; i < tmp.len; i++) {
        buf_push(b, tmp.data[i]);
        if (tmp.data[i] == ',')
            buf_push(b, ' ');
    }
    buf_fini(&tmp);
}

static void print_type(const Info *in, const Type *t)
{
    Buf b;
    buf_init(&b);
    type_text(&b, t);
    fwrite(b.data, 1, b.len, in->out);
    buf_fini(&b);
}

/* Docs, every line indented; a trailing newline is dropped. */
static void print_docs(const Info *in, int indent, const char *prefix,
                       const char *docs)
{
    fprintf(in->out, "%*s%s", indent, "", prefix);
    for (const char *s = docs; *s; s++) {
        if (*s == '\n' && s[1] == '\0')
            break;
        fputc(*s, in->out);
        if (*s == '\n')
            fprintf(in->out, "%*s", indent, "");
    }
    fputc('\n', in->out);
}

/* only: the modes that can use v when not all matched ones can */
static void print_var(const Info *in, int indent, const ProvVar *v,
                      const char *only)
{
    fprintf(in->out, "%*s", indent, "");
    paint(in, "\033[32m");
    fputs(v->name, in->out);
    paint(in, "\033[0m");
    fputs(": ", in->out);
    print_type(in, v->type);
    if (v->derived_from)
        fprintf(in->out, " ==> %s", v->derived_from);
    if (only)
        fprintf(in->out, " (only in %s)", only);
    fputc('\n', in->out);
    print_docs(in, indent + 4,
               v->engine_only ? "(ONLY SUPPORTED IN ENGINE INTERFACE) " : "",
               v->docs);
}

static void print_fn(const Info *in, int indent, const ProvFn *f)
{
    fprintf(in->out, "%*s", indent, "");
    paint(in, "\033[32m");
    fputs(f->name, in->out);
    paint(in, "\033[0m");
    fputc('(', in->out);
    for (uint32_t i = 0; i < f->nparams; i++) {
        fprintf(in->out, "%s%s: ", i ? ", " : "", f->param_names[i]);
        print_type(in, f->param_types[i]);
    }
    fputs(") -> ", in->out);
    print_type(in, f->result);
    fputc('\n', in->out);
    print_docs(in, indent + 4,
               f->engine_only ? "(ONLY SUPPORTED IN ENGINE INTERFACE) " : "",
               f->docs);
}

/* v if some match in scope can use it, with the modes that can when
 * not all of them can ("only in `after`"). */
static void print_usable_var(const Info *in, int indent, const Scope *sc,
                             const ProvVar *v)
{
    Buf modes;
    buf_init(&modes);
    uint32_t total, n = usable_at(in->ml, sc, v, &total, &modes);
    if (n || !total)
        print_var(in, indent, v, n < total && modes.len
                                     ? (const char *)modes.data : NULL);
    buf_fini(&modes);
}

static void print_vars(const Info *in, int indent, const ProvItems *it,
                       const Scope *sc)
{
    bool any = false;
    for (uint32_t i = 0; i < it->nvars && !any; i++) {
        uint32_t total;
        Buf modes;
        buf_init(&modes);
        any = usable_at(in->ml, sc, &it->vars[i], &total, &modes) || !total;
        buf_fini(&modes);
    }
    if (!any)
        return;
    fprintf(in->out, "%*s", indent, "");
    paint(in, "\033[1m");
    fputs("VARIABLES:", in->out);
    paint(in, "\033[0m");
    fputc('\n', in->out);
    for (uint32_t i = 0; i < it->nvars; i++)
        print_usable_var(in, indent + 4, sc, &it->vars[i]);
    fputc('\n', in->out);
}

static void print_items(const Info *in, int indent, const ProvItems *it,
                        const Scope *sc)
{
    if (in->o->vars && it->nvars)
        print_vars(in, indent, it, sc);
    if (in->o->fns && it->nfns) {
        fprintf(in->out, "%*s", indent, "");
        paint(in, "\033[1m");
        fputs("FUNCTIONS:", in->out);
        paint(in, "\033[0m");
        fputc('\n', in->out);
        for (uint32_t i = 0; i < it->nfns; i++)
            print_fn(in, indent + 4, &it->fns[i]);
        fputc('\n', in->out);
    }
}

static void dashes(const Info *in)
{
    for (int i = 0; i < DASHES; i++)
        fputc('-', in->out);
    fputs("\n\n", in->out);
}

static void header(const Info *in, int indent, const char *what)
{
    fprintf(in->out, "%*s", indent, "");
    paint(in, "\033[1m");
    fprintf(in->out, "%s", in->echo);
    paint(in, "\033[0m");
    fprintf(in->out, "\n%*smatches the following %s:\n\n", indent, "", what);
}

/* One entry: "NAME KIND", its docs, then its items. */
static void entry(const Info *in, int indent, const char *name,
                  const char *kind, const char *docs, const ProvItems *it,
                  const Scope *sc)
{
    fprintf(in->out, "%*s", indent, "");
    paint(in, "\033[1;35m");
    fputs(name, in->out);
    paint(in, "\033[0m");
    fprintf(in->out, " %s\n", kind);
    print_docs(in, indent + 4, "", docs);
    fputc('\n', in->out);
    if (it)
        print_items(in, indent + 4, it, sc);
}

static void text_core(const Info *in, const ProvRegistry *r)
{
    fputs("\n", in->out);
    paint(in, "\033[1m");
    fputs("CORE `whamm` FUNCTIONALITY", in->out);
    paint(in, "\033[0m");
    fputs("\n\n", in->out);
    Scope all = {NULL, NULL, NULL};
    print_items(in, 0, &r->core, &all);
    dashes(in);
}

static void text_modes(const Info *in, const ProvMatchList *ml,
                       const ProvEvent *ev)
{
    header(in, 4, "modes for the parent event");
    for (uint32_t i = 0; i < ml->n; i++)
        if (ml->v[i].event == ev && ml->v[i].mode)
            entry(in, 4, ml->v[i].mode->name, "mode", ml->v[i].mode->docs,
                  NULL, NULL);
}

static void text_events(const Info *in, const ProvMatchList *ml,
                        const PtrList *pkgs, bool has_mode)
{
    for (uint32_t p = 0; p < pkgs->n; p++) {
        PtrList evs = {0};
        for (uint32_t i = 0; i < ml->n; i++)
            if (ml->v[i].package == pkgs->v[p] && ml->v[i].event)
                push_unique(&evs, ml->v[i].event);
        if (evs.n)
            header(in, 0, "events");
        for (uint32_t i = 0; i < evs.n; i++) {
            const ProvEvent *ev = evs.v[i];
            Scope sc = {NULL, NULL, ev};
            entry(in, 0, ev->name, "event", ev->docs, &ev->items, &sc);
            if (has_mode)
                text_modes(in, ml, ev);
        }
        if (evs.n)
            dashes(in);
        vec_free(evs);
    }
}

static void write_text(const Info *in, const ProvRegistry *r,
                       const ProvMatchList *ml)
{
    PtrList provs = {0}, pkgs = {0};
    bool has_mode = false;
    for (uint32_t i = 0; i < ml->n; i++) {
        push_unique(&provs, ml->v[i].provider);
        push_unique(&pkgs, ml->v[i].package);
        has_mode |= ml->v[i].mode != NULL;
    }
    if (in->o->vars || in->o->fns)
        text_core(in, r);
    else
        dashes(in);
    header(in, 0, "rules");
    for (uint32_t i = 0; i < provs.n; i++) {
        const ProvProvider *pv = provs.v[i];
        Scope sc = {pv, NULL, NULL};
        entry(in, 0, pv->name, "provider", pv->docs, &pv->items, &sc);
    }
    dashes(in);
    header(in, 0, "packages");
    for (uint32_t i = 0; i < pkgs.n; i++) {
        const ProvPackage *pk = pkgs.v[i];
        Scope sc = {NULL, pk, NULL};
        entry(in, 0, pk->name, "package", pk->docs, &pk->items, &sc);
    }
    dashes(in);
    text_events(in, ml, &pkgs, has_mode);
    vec_free(provs);
    vec_free(pkgs);
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

static void json_type(FILE *out, const Type *t)
{
    Buf b;
    buf_init(&b);
    ty_print(&b, t);
    buf_push(&b, 0);
    json_str(out, (const char *)b.data);
    buf_fini(&b);
}

static const char *const life_names[] = {"static", "dynamic", "derived",
                                         "user"};

static void json_var(FILE *out, const ProvVar *v)
{
    fputs("{\"name\": ", out);
    json_str(out, v->name);
    fputs(", \"type\": ", out);
    json_type(out, v->type);
    fprintf(out, ", \"lifetime\": \"%s\", \"derived_from\": ",
            life_names[v->lifetime]);
    json_str(out, v->derived_from);
    fprintf(out, ", \"engine_only\": %s, \"docs\": ",
            v->engine_only ? "true" : "false");
    json_str(out, v->docs);
    fputc('}', out);
}

static void json_fn(FILE *out, const ProvFn *f)
{
    fputs("{\"name\": ", out);
    json_str(out, f->name);
    fputs(", \"params\": [", out);
    for (uint32_t i = 0; i < f->nparams; i++) {
        fputs(i ? ", {\"name\": " : "{\"name\": ", out);
        json_str(out, f->param_names[i]);
        fputs(", \"type\": ", out);
        json_type(out, f->param_types[i]);
        fputc('}', out);
    }
    fputs("], \"results\": ", out);
    json_type(out, f->result);
    fprintf(out, ", \"req_args\": %d, \"lifetime\": \"%s\", "
                 "\"engine_only\": %s, \"docs\": ",
            (int)f->req_args, life_names[f->lifetime],
            f->engine_only ? "true" : "false");
    json_str(out, f->docs);
    fputc('}', out);
}

/* The variables no match in scope can use are left out. */
static void json_items(FILE *out, const ProvItems *it,
                       const ProvMatchList *ml, const Scope *sc)
{
    fputs("\"bound_vars\": [", out);
    bool first = true;
    for (uint32_t i = 0; i < it->nvars; i++) {
        Buf modes;
        buf_init(&modes);
        uint32_t total, n = usable_at(ml, sc, &it->vars[i], &total, &modes);
        buf_fini(&modes);
        if (!n && total)
            continue;
        fputs(first ? "" : ", ", out);
        first = false;
        json_var(out, &it->vars[i]);
    }
    fputs("], \"bound_fns\": [", out);
    for (uint32_t i = 0; i < it->nfns; i++) {
        fputs(i ? ", " : "", out);
        json_fn(out, &it->fns[i]);
    }
    fputc(']', out);
}

static void json_named(FILE *out, const char *name, const char *docs)
{
    fputs("\"name\": ", out);
    json_str(out, name);
    fputs(", \"docs\": ", out);
    json_str(out, docs);
}

static void json_match(FILE *out, const ProvMatch *m)
{
    Buf b;
    buf_init(&b);
    prov_match_name(&b, m, false);
    buf_push(&b, 0);
    fprintf(out, "    {\"probe_id\": %u, \"name\": ", m->probe_id);
    json_str(out, (const char *)b.data);
    fputs(", \"provider\": ", out);
    json_str(out, m->provider->name);
    fputs(", \"package\": ", out);
    json_str(out, m->package->name);
    fputs(", \"event\": ", out);
    json_str(out, m->event ? m->event->name : NULL);
    fputs(", \"mode\": ", out);
    json_str(out, m->mode ? m->mode->name : NULL);
    fputs(", \"mode_alias\": ", out);
    json_str(out, m->mode ? m->mode->alias : NULL);
    fputc('}', out);
    buf_fini(&b);
}

static void json_event(FILE *out, const ProvMatchList *ml, const ProvMatch *m)
{
    const ProvEvent *ev = m->event;
    fputs("    {\"provider\": ", out);
    json_str(out, m->provider->name);
    fputs(", \"package\": ", out);
    json_str(out, m->package->name);
    fputs(", ", out);
    json_named(out, ev->name, ev->docs);
    fputs(", \"opcode\": ", out);
    json_str(out, ev->opcode >= 0 ? ev->name : NULL);
    fputs(", ", out);
    Scope sc = {NULL, NULL, ev};
    json_items(out, &ev->items, ml, &sc);
    fputs(", \"modes\": [", out);
    bool first = true;
    for (uint32_t i = 0; i < ml->n; i++) {
        const ProvMode *md = ml->v[i].mode;
        if (ml->v[i].event != ev || !md)
            continue;
        fputs(first ? "{" : ", {", out);
        first = false;
        json_named(out, md->name, md->docs);
        fputs(", \"alias_to\": ", out);
        json_str(out, md->alias);
        fputc('}', out);
    }
    fputs("]}", out);
}

static void json_levels(FILE *out, const ProvMatchList *ml)
{
    PtrList seen = {0};
    fputs("  \"providers\": [", out);
    for (uint32_t i = 0; i < ml->n; i++) {
        const ProvProvider *pv = ml->v[i].provider;
        uint32_t n = seen.n;
        push_unique(&seen, pv);
        if (seen.n == n)
            continue;
        fputs(n ? ",\n    {" : "\n    {", out);
        json_named(out, pv->name, pv->docs);
        fputs(", ", out);
        Scope sc = {pv, NULL, NULL};
        json_items(out, &pv->items, ml, &sc);
        fputc('}', out);
    }
    fputs("],\n  \"packages\": [", out);
    seen.n = 0;
    for (uint32_t i = 0; i < ml->n; i++) {
        const ProvPackage *pk = ml->v[i].package;
        uint32_t n = seen.n;
        push_unique(&seen, pk);
        if (seen.n == n)
            continue;
        fputs(n ? ",\n    {\"provider\": " : "\n    {\"provider\": ", out);
        json_str(out, ml->v[i].provider->name);
        fputs(", ", out);
        json_named(out, pk->name, pk->docs);
        fputs(", ", out);
        Scope sc = {NULL, pk, NULL};
        json_items(out, &pk->items, ml, &sc);
        fputc('}', out);
    }
    fputs("],\n  \"events\": [", out);
    seen.n = 0;
    for (uint32_t i = 0; i < ml->n; i++) {
        uint32_t n = seen.n;
        if (!ml->v[i].event)
            continue;
        push_unique(&seen, ml->v[i].event);
        if (seen.n == n)
            continue;
        fputs(n ? ",\n" : "\n", out);
        json_event(out, ml, &ml->v[i]);
    }
    fputs("]\n", out);
    vec_free(seen);
}

static void write_json(FILE *out, const ProvRegistry *r, const char *rule,
                       const ProvMatchList *ml)
{
    fputs("{\n  \"rule\": ", out);
    json_str(out, rule);
    fputs(",\n  \"core\": {\"docs\": ", out);
    json_str(out, prov_core_docs(r));
    fputs(", ", out);
    Scope all = {NULL, NULL, NULL};
    json_items(out, &r->core, ml, &all);
    fputs("},\n  \"matches\": [", out);
    for (uint32_t i = 0; i < ml->n; i++) {
        fputs(i ? ",\n" : "\n", out);
        json_match(out, &ml->v[i]);
    }
    fputs("],\n", out);
    json_levels(out, ml);
    fputs("}\n", out);
}

/* The rule as echoed in headers: parts joined by ':', empty ones as `*`. */
static char *echo_rule(const char *rule)
{
    Buf b;
    buf_init(&b);
    const char *s = rule;
    for (;;) {
        const char *c = strchr(s, ':');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        if (n)
            buf_append(&b, s, n);
        else
            buf_push(&b, '*');
        if (!c)
            break;
        buf_push(&b, ':');
        s = c + 1;
    }
    buf_push(&b, 0);
    return (char *)b.data;
}

void prov_info_write(FILE *out, const ProvRegistry *r, const char *rule,
                     const ProvMatchList *ml, const ProvInfoOptions *o)
{
    if (o->json) {
        write_json(out, r, rule, ml);
        return;
    }
    char *echo = echo_rule(rule);
    Info in = {out, o, echo, ml};
    write_text(&in, r, ml);
    free(echo);
}
