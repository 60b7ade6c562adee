/* test_reference.c -- the provider.reference test: every wasm:opcode event
 * of the reference's tables (tests/provider/data/opcode-events.tsv)
 * against our loaded providers: each bound variable's type, lifetime and
 * derived_from, each bound function's
 * signature and lifetime, and the modes in order.  The differences we keep
 * on purpose are listed with their reasons in data/opcode-deviations.tsv.
 * Any other mismatch, and any listed difference that no longer occurs,
 * fails the test with the event and the item.
 *
 * usage: whamm_provider_reftest PROVIDERS_DIR EVENTS.tsv DEVIATIONS.tsv */
#include "provider/registry.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One definition, canonical: ty_print's type, normalised derived_from. */
typedef struct {
    const char *type;
    const char *life;         /* static, dynamic, derived, user */
    const char *derived;      /* NULL when there is none */
} Def;

typedef struct {
    const char *event;        /* a glob over event names */
    const char *item;         /* a var name, fn:NAME or modes */
    const char *ours;         /* what we define; NULL: nothing */
    unsigned line;
    unsigned uses;            /* mismatches it explained */
} Deviation;

typedef struct {
    Arena a;                  /* every string of the run */
    const ProvPackage *pkg;   /* wasm:opcode */
    VEC(Deviation) devs;
    const char *file;         /* the events file, for messages */
    unsigned line;            /* its current line */
    unsigned events;          /* events of the file checked */
    int checks, failures;
} Ctx;

static void fail(Ctx *c, const char *event, const char *item,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s:%u: %s: %s: ", c->file, c->line, event, item);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    c->failures++;
}

static const char *dup(Ctx *c, const char *s, size_t n)
{
    return arena_strndup(&c->a, s, n);
}

/* ---- definitions --------------------------------------------------------- */

/* derived_from as compared: integers by value (the reference writes the
 * bytecode 13 where we write 0x0D), anything else as written. */
static const char *norm_derived(Ctx *c, const char *s, size_t n)
{
    while (n && s[0] == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    const char *text = dup(c, s, n);
    char *end;
    long long v = strtoll(text, &end, 0);
    if (n && *end == '\0') {
        char num[32];
        snprintf(num, sizeof num, "%lld", v);
        return dup(c, num, strlen(num));
    }
    return text;
}

static const char *canon_type(Ctx *c, const char *s, size_t n)
{
    size_t off;
    char err[128];
    const Type *t = ty_parse(&c->a, s, n, true, &off, err, sizeof err);
    return t ? ty_name(&c->a, t) : dup(c, s, n);  /* compares unequal */
}

/* TYPE:LIFETIME[=DERIVED]; the type holds no ':' before the '='. */
static bool parse_def(Ctx *c, const char *s, size_t n, Def *out)
{
    const char *eq = memchr(s, '=', n);
    size_t head = eq ? (size_t)(eq - s) : n;
    const char *colon = NULL;
    for (size_t i = 0; i < head; i++)
        if (s[i] == ':')
            colon = s + i;
    if (!colon)
        return false;
    out->type = canon_type(c, s, (size_t)(colon - s));
    out->life = dup(c, colon + 1, head - (size_t)(colon + 1 - s));
    out->derived = eq ? norm_derived(c, eq + 1, n - head - 1) : NULL;
    return true;
}

static Def our_def(Ctx *c, const ProvVar *v)
{
    static const char *const lives[] = {"static", "dynamic", "derived",
                                        "user"};
    Def d = {ty_name(&c->a, v->type), lives[v->lifetime], NULL};
    if (v->derived_from)
        d.derived = norm_derived(c, v->derived_from, strlen(v->derived_from));
    return d;
}

static bool same_derived(const Def *a, const Def *b)
{
    if (!a->derived || !b->derived)
        return a->derived == b->derived;
    return strcmp(a->derived, b->derived) == 0;
}

static bool def_equal(const Def *a, const Def *b)
{
    return !strcmp(a->type, b->type) && !strcmp(a->life, b->life) &&
           same_derived(a, b);
}

/* Equal, or our `derived` for the reference's `dynamic` with the same
 * derived_from (opcode-common.yaml says why). */
static bool def_agrees(const Def *ref, const Def *ours)
{
    if (def_equal(ref, ours))
        return true;
    return ours->derived && !strcmp(ref->life, "dynamic") &&
           !strcmp(ours->life, "derived") && !strcmp(ref->type, ours->type) &&
           same_derived(ref, ours);
}

static const char *def_text(Ctx *c, const Def *d)
{
    if (!d)
        return "-";
    Buf b;
    buf_init(&b);
    buf_printf(&b, "%s:%s", d->type, d->life);
    if (d->derived)
        buf_printf(&b, "=%s", d->derived);
    const char *s = dup(c, (const char *)b.data, b.len);
    buf_fini(&b);
    return s;
}

/* ---- deviations ---------------------------------------------------------- */

static Deviation *find_dev(Ctx *c, const char *event, const char *item)
{
    for (uint32_t i = 0; i < c->devs.n; i++) {
        Deviation *d = &c->devs.v[i];
        if (!strcmp(d->item, item) &&
            prov_glob_match(d->event, strlen(d->event), event))
            return d;
    }
    return NULL;
}

/* A difference is fine when listed and we define what the list says. */
static bool listed(Ctx *c, const char *event, const char *item,
                   const char *ours)
{
    Deviation *d = find_dev(c, event, item);
    if (!d)
        return false;
    d->uses++;
    bool same = d->ours && ours ? !strcmp(d->ours, ours) : d->ours == ours;
    if (!same)
        fail(c, event, item, "deviations line %u says we define %s, but we "
             "define %s", d->line, d->ours ? d->ours : "-", ours ? ours : "-");
    return true;
}

static void load_dev(Ctx *c, char **f, unsigned line)
{
    Deviation d = {f[0], f[1], NULL, line, 0};
    if (strcmp(f[2], "-")) {
        Def def;
        if (parse_def(c, f[2], strlen(f[2]), &def))
            d.ours = def_text(c, &def);
        else
            d.ours = f[2];    /* fn:NAME or modes: compared as written */
    }
    vec_push(c->devs, d);
}

/* ---- the events file ----------------------------------------------------- */

/* Splits line (in the arena) at tabs into at most n fields. */
static int split_tabs(Ctx *c, const char *line, size_t len, char **f, int n)
{
    char *s = (char *)dup(c, line, len);
    int k = 0;
    while (k < n) {
        f[k++] = s;
        s = strchr(s, '\t');
        if (!s)
            break;
        *s++ = '\0';
    }
    return k;
}

typedef void (*LineFn)(Ctx *c, char **fields, unsigned line);

/* Calls fn for each line with exactly nf fields, skipping # comments. */
static bool each_line(Ctx *c, const char *path, int nf, LineFn fn)
{
    Buf text;
    buf_init(&text);
    char err[256];
    if (!file_read_all(path, &text, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        c->failures++;
        return false;
    }
    const char *p = (const char *)text.data, *end = p + text.len;
    for (unsigned line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *f[8];
        if (len && *p != '#' && split_tabs(c, p, len, f, 8) != nf) {
            fprintf(stderr, "%s:%u: want %d tab-separated fields\n", path,
                    line, nf);
            c->failures++;
        } else if (len && *p != '#') {
            fn(c, f, line);
        }
        p += len + 1;
    }
    buf_fini(&text);
    return true;
}

/* ---- one event ----------------------------------------------------------- */

/* Is name prefix followed by digits ("res0"), or the pattern "res[0:9]+"? */
static bool stack_name(const char *name, const char *prefix)
{
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n))
        return false;
    name += n;
    return !strcmp(name, "[0:9]+") ||
           (*name && strspn(name, "0123456789") == strlen(name));
}

/* Extras we bind everywhere (opcode-deviations.tsv, header): results,
 * and typed operands where the reference has only arg[0:9]+. */
static bool extra_allowed(const char *name, bool ref_arg_pattern)
{
    return stack_name(name, "res") ||
           (ref_arg_pattern && stack_name(name, "arg") &&
            strcmp(name, "arg[0:9]+"));
}

static const ProvVar *our_var(const ProvEvent *ev, const char *name)
{
    for (uint32_t i = 0; i < ev->items.nvars; i++)
        if (!strcmp(ev->items.vars[i].name, name))
            return &ev->items.vars[i];
    return NULL;
}

/* The name of one "name:type:lifetime[=derived]" item: up to the first
 * ':' that is not inside a pattern's "[0:9]". */
static size_t item_name_len(const char *s)
{
    size_t i = 0;
    for (int depth = 0; s[i] && (s[i] != ':' || depth); i++)
        depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
    return i;
}

static void check_var(Ctx *c, const char *event, const char *name,
                      const Def *ref, const Def *ours, bool ref_arg_pattern)
{
    c->checks++;
    if (ref && ours && def_agrees(ref, ours))
        return;
    const char *o = ours ? def_text(c, ours) : NULL;
    if (listed(c, event, name, o))
        return;
    if (!ref && extra_allowed(name, ref_arg_pattern))
        return;
    fail(c, event, name, "the reference has %s, we have %s",
         def_text(c, ref), o ? o : "-");
}

static void check_vars(Ctx *c, const ProvEvent *ev, char *list)
{
    const char *names[64];
    int n = 0;
    bool pattern = strstr(list, "arg[0:9]+:") != NULL;
    for (char *item = strtok(list, ";"); item && n < 64;
         item = strtok(NULL, ";")) {
        if (!strcmp(item, "-"))
            break;
        size_t nl = item_name_len(item);
        names[n] = dup(c, item, nl);
        Def ref;
        if (!item[nl] || !parse_def(c, item + nl + 1, strlen(item + nl + 1),
                                    &ref)) {
            fail(c, ev->name, names[n], "malformed item '%s'", item);
            continue;
        }
        const ProvVar *v = our_var(ev, names[n]);
        Def ours = v ? our_def(c, v) : (Def){0};
        check_var(c, ev->name, names[n], &ref, v ? &ours : NULL, pattern);
        n++;
    }
    for (uint32_t i = 0; i < ev->items.nvars; i++) {
        const ProvVar *v = &ev->items.vars[i];
        bool seen = false;
        for (int k = 0; k < n && !seen; k++)
            seen = !strcmp(names[k], v->name);
        if (!seen) {
            Def ours = our_def(c, v);
            check_var(c, ev->name, v->name, NULL, &ours, pattern);
        }
    }
}

/* "name(p: T, ...)->R:lifetime" without spaces, so that both spellings of
 * a type (map<u32, u32>, map<u32,u32>) compare equal. */
static const char *squeeze(Ctx *c, const char *s)
{
    char *o = (char *)dup(c, s, strlen(s)), *w = o;
    for (; *s; s++)
        if (*s != ' ')
            *w++ = *s;
    *w = '\0';
    return o;
}

static const char *fn_text(Ctx *c, const ProvFn *f)
{
    Buf b;
    buf_init(&b);
    buf_printf(&b, "%s(", f->name);
    for (uint32_t i = 0; i < f->nparams; i++) {
        buf_printf(&b, "%s%s:", i ? "," : "", f->param_names[i]);
        ty_print(&b, f->param_types[i]);
    }
    buf_printf(&b, ")->");
    ty_print(&b, f->result);
    buf_printf(&b, ":%s", f->lifetime == PROV_LIFE_STATIC ? "static"
                                                           : "dynamic");
    const char *s = dup(c, (const char *)b.data, b.len);
    buf_fini(&b);
    return s;
}

static void check_fn(Ctx *c, const char *event, const char *name,
                     const char *ref, const char *ours)
{
    c->checks++;
    if (ref && ours && !strcmp(ref, ours))
        return;
    char item[96];
    snprintf(item, sizeof item, "fn:%s", name);
    if (!listed(c, event, item, ours))
        fail(c, event, item, "the reference has %s, we have %s",
             ref ? ref : "-", ours ? ours : "-");
}

static void check_fns(Ctx *c, const ProvEvent *ev, char *list)
{
    const char *names[16];
    int n = 0;
    for (char *f = strtok(list, ";"); f && n < 16; f = strtok(NULL, ";")) {
        if (!strcmp(f, "-"))
            break;
        names[n] = dup(c, f, strcspn(f, "("));
        const char *ours = NULL;
        for (uint32_t i = 0; i < ev->items.nfns; i++)
            if (!strcmp(ev->items.fns[i].name, names[n]))
                ours = fn_text(c, &ev->items.fns[i]);
        check_fn(c, ev->name, names[n++], squeeze(c, f), ours);
    }
    for (uint32_t i = 0; i < ev->items.nfns; i++) {
        bool seen = false;
        for (int k = 0; k < n && !seen; k++)
            seen = !strcmp(names[k], ev->items.fns[i].name);
        if (!seen)
            check_fn(c, ev->name, ev->items.fns[i].name, NULL,
                     fn_text(c, &ev->items.fns[i]));
    }
}

static void check_modes(Ctx *c, const ProvEvent *ev, const char *ref)
{
    Buf b;
    buf_init(&b);
    for (uint32_t i = 0; i < ev->nmodes; i++)
        buf_printf(&b, "%s%s", i ? "," : "", ev->modes[i].name);
    buf_push(&b, 0);
    const char *ours = (const char *)b.data;
    c->checks++;
    if (strcmp(ref, ours) && !listed(c, ev->name, "modes", ours))
        fail(c, ev->name, "modes", "the reference has %s, we have %s", ref,
             ours);
    buf_fini(&b);
}

static void check_event(Ctx *c, char **f, unsigned line)
{
    c->line = line;
    const ProvEvent *ev = prov_event_find(c->pkg, f[0]);
    if (!ev) {
        fail(c, f[0], "event", "we have no such event");
        return;
    }
    check_vars(c, ev, f[1]);
    check_fns(c, ev, f[2]);
    check_modes(c, ev, f[3]);
    c->events++;
}

/* ---- main ---------------------------------------------------------------- */

static const ProvPackage *opcode_package(const ProvRegistry *r)
{
    const ProvProvider *w = prov_provider_find(r, "wasm");
    return w ? prov_package_find(w, "opcode") : NULL;
}

/* Every listed deviation must still explain a difference. */
static void check_stale(Ctx *c, const char *path)
{
    for (uint32_t i = 0; i < c->devs.n; i++)
        if (!c->devs.v[i].uses) {
            fprintf(stderr, "%s:%u: %s: %s: listed, but we agree with the "
                    "reference now: remove the line\n", path,
                    c->devs.v[i].line, c->devs.v[i].event, c->devs.v[i].item);
            c->failures++;
        }
}

static int run(Ctx *c, char **argv)
{
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *reg = prov_registry_new();
    bool loaded = prov_load_dir(reg, argv[1], &sink);
    diag_render(&sink, stderr, false);
    c->pkg = loaded ? opcode_package(reg) : NULL;
    if (c->pkg) {
        c->file = argv[2];
        each_line(c, argv[3], 4, load_dev);
        each_line(c, argv[2], 4, check_event);
        check_stale(c, argv[3]);
        /* each of its events is one of ours: so equal counts, equal sets */
        if (c->events != c->pkg->nevents) {
            fprintf(stderr, "%s has %u events, we have %u\n", argv[2],
                    c->events, c->pkg->nevents);
            c->failures++;
        }
    } else {
        fprintf(stderr, "no wasm:opcode package in %s\n", argv[1]);
        c->failures++;
    }
    prov_registry_free(reg);
    diag_fini(&sink);
    return c->failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: whamm_provider_reftest PROVIDERS_DIR "
                        "EVENTS.tsv DEVIATIONS.tsv\n");
        return 2;
    }
    Ctx c = {0};
    arena_init(&c.a);
    int rc = run(&c, argv);
    printf("reference: %u events, %d checks, %d failures\n", c.events,
           c.checks, c.failures);
    vec_free(c.devs);
    arena_fini(&c.a);
    return rc;
}
