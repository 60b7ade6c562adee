/* builtin.c -- a small built-in subset of the `wasm` provider
 * (docs/providers.md) behind the TcProvider interface of lang.h, for the
 * unit tests, which need no definition files (`whamm check` uses the
 * registry: registry.c).  Also the rule-part glob matcher.
 *
 * Each event lists its bound variables as "name:type:lifetime" words
 * (lifetime s static, d dynamic, r derived; a name ending in `#` is the
 * pattern name[0:9]+; "=literal" after the lifetime makes it a constant of
 * the event, like a literal `derived_from` in the YAML).  Opcode
 * events get their four constants (opname, bytecode, category_id,
 * category_name) from their row.  Matches are built in the caller's
 * arena. */
#include "lang.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name;
    const char *modes;      /* space separated; NULL: a mode-less event */
    const char *vars;       /* "name:type:life[=literal] ..." */
    const char *fns;        /* "name(T,T)->R ..." (! = static) */
    const char *code;       /* opcode events: the bytecode, "0x0D" */
    unsigned cat;           /* opcode events: category_id */
} EventDef;

typedef struct {
    const char *name;
    const char *vars, *fns;
    const EventDef *events; /* NULL: a package without events */
} PackageDef;

#define DEFAULT_MODES "before after alt"
#define BRANCH_MODES "before after alt at_target"
#define MEMARG "addr:u32:r offset:u64:s align:u32:s memory:u32:s " \
               "effective_addr:u32:r data_size:u32:s is_write:bool:s="

static const EventDef opcode_events[] = {
    {"unreachable", "alt before", "", "", "0x00", 12},
    {"nop", DEFAULT_MODES, "", "", "0x01", 12},
    {"end", "before after", "", "", "0x0B", 4},
    {"br", BRANCH_MODES, "imm0:u32:s", "", "0x0C", 4},
    {"br_if", BRANCH_MODES, "arg0:u32:d imm0:u32:s", "", "0x0D", 4},
    {"br_table", BRANCH_MODES,
     "arg0:u32:d imm#:u32:s targets:map<u32,u32>:s default_target:u32:s "
     "num_targets:u32:s target:u32:r", "", "0x0E", 4},
    {"call", DEFAULT_MODES,
     "arg#:unknown:d imm0:u32:s res#:unknown:d target_fn_type:str:s "
     "target_imp_module:str:s target_fn_name:str:s",
     "alt_call_by_id(i32)->() alt_call_by_name(str)->()", "0x10", 4},
    {"call_indirect", DEFAULT_MODES,
     "arg0:i32:d arg#:unknown:d imm0:u32:s imm1:u32:s res#:unknown:d "
     "table_entry_idx:i32:r target_funcref:funcref:d resolved_fid:i32:r",
     "resolve_funcref(funcref,i32)->i32", "0x11", 4},
    {"drop", DEFAULT_MODES, "arg#:unknown:d", "", "0x1A", 12},
    {"select", DEFAULT_MODES, "arg#:unknown:d", "", "0x1B", 12},
    {"local.get", DEFAULT_MODES, "imm0:u32:s", "", "0x20", 10},
    {"local.set", DEFAULT_MODES, "arg0:unknown:d imm0:u32:s", "", "0x21",
     10},
    {"i32.load", DEFAULT_MODES, "arg0:u32:d res0:i32:d " MEMARG "false", "",
     "0x28", 9},
    {"i32.store", DEFAULT_MODES, "arg0:i32:d arg1:u32:d " MEMARG "true", "",
     "0x36", 15},
    {"i32.const", DEFAULT_MODES, "imm0:i32:s", "", "0x41", 3},
    {"i32.lt_u", DEFAULT_MODES, "arg0:u32:d arg1:u32:d", "", "0x49", 2},
    {"i32.add", DEFAULT_MODES, "arg0:i32:d arg1:i32:d", "", "0x6A", 0},
    {"i32.sub", DEFAULT_MODES, "arg0:i32:d arg1:i32:d", "", "0x6B", 0},
    {"i64.add", DEFAULT_MODES, "arg0:i64:d arg1:i64:d", "", "0x7C", 0},
    {"f32.add", DEFAULT_MODES, "arg0:f32:d arg1:f32:d", "", "0x92", 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const EventDef func_events[] = {
    {"entry", NULL, "", "", NULL, 0},
    {"exit", NULL, "", "", NULL, 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const EventDef block_events[] = {
    {"start", NULL, "", "", NULL, 0},
    {"end", NULL, "instr_count:u32:s", "", NULL, 0},
    {NULL, NULL, NULL, NULL, NULL, 0},
};

static const PackageDef wasm_packages[] = {
    {"begin", "", "", NULL},
    {"end", "", "", NULL},
    {"report", "", "", NULL},
    {"func", "", "", func_events},
    {"block", "", "", block_events},
    /* opname, bytecode, category_*: per event (add_opcode_consts) */
    {"opcode", "", "drop_args()->()", opcode_events},
};

static const char wasm_vars[] =
    "probe_id:i32:s fid:u32:s pc:u32:s opidx:u32:s at_func_end:bool:s "
    "fname:str:s local#:unknown:d";

/* ---- globs ------------------------------------------------------------------ */

/* `[...]` at p (after the `[`): whether c is in the class; *end gets the
 * position after `]`, NULL if unterminated. */
static bool in_class(const char *p, const char *stop, char c, const char **end)
{
    bool neg = p < stop && *p == '!', hit = false;
    if (neg)
        p++;
    const char *q = p;
    for (; q < stop && (*q != ']' || q == p); q++)
        if (tolower((unsigned char)*q) == c)
            hit = true;
    *end = q < stop ? q + 1 : NULL;
    return hit != neg;
}

/* Matches one pattern character (or class) at *p against c; advances *p. */
static bool one_char(const char **p, const char *stop, char c, bool *bad)
{
    if (**p == '[') {
        const char *end;
        bool hit = in_class(*p + 1, stop, c, &end);
        if (!end) {
            *bad = true;
            return false;
        }
        *p = end;
        return hit;
    }
    bool hit = **p == '?' || tolower((unsigned char)**p) == c;
    (*p)++;
    return hit;
}

/* Iterative glob with backtracking to the last `*`: O(pattern * name),
 * whatever the number of stars. */
static bool glob(const char *p, const char *stop, const char *s, bool *bad)
{
    const char *star_p = NULL, *star_s = NULL;
    while (*s) {
        if (p < stop && *p == '*') {
            star_p = ++p;
            star_s = s;
            continue;
        }
        const char *q = p;
        if (p < stop && one_char(&q, stop, (char)tolower((unsigned char)*s),
                                 bad)) {
            p = q;
            s++;
            continue;
        }
        if (*bad || !star_p)
            return false;
        p = star_p;
        s = ++star_s;
    }
    while (p < stop && *p == '*')
        p++;
    return p == stop;
}

bool tc_glob_match(const char *pat, const char *name, bool *bad)
{
    if (!*pat)
        return true; /* an empty part means `*` */
    bool hit = false;
    for (const char *alt = pat;;) {
        const char *bar = strchr(alt, '|');
        const char *stop = bar ? bar : alt + strlen(alt);
        if (glob(alt, stop, name, bad))
            hit = true;
        if (!bar)
            return hit;
        alt = bar + 1;
    }
}

/* ---- building matches ------------------------------------------------------ */

typedef struct {
    Arena *a;
    VEC(TcBoundVar) vars;
    VEC(TcBoundFn) fns;
} Collect;

static void add_vars(Collect *c, const char *spec)
{
    char word[96];
    for (const char *p = spec; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        p += n + (p[n] == ' ');
        char *eq = strchr(word, '=');
        if (eq)
            *eq++ = '\0';
        char *c1 = strchr(word, ':'), *c2 = strrchr(word, ':');
        if (!n || !c1 || c1 == c2)
            continue;
        TcBoundVar v = {0};
        *c1 = *c2 = '\0';
        size_t nl = strlen(word);
        v.pattern = word[nl - 1] == '#';
        v.name = arena_strndup(c->a, word, nl - v.pattern);
        size_t eo;
        char err[8];
        v.ty = ty_parse(c->a, c1 + 1, strlen(c1 + 1), true, &eo, err,
                        sizeof err);
        v.life = c2[1] == 's' ? TC_STATIC : c2[1] == 'd' ? TC_DYNAMIC
                                                         : TC_DERIVED;
        if (eq && lex_is_literal(eq, strlen(eq))) {
            v.literal = arena_strndup(c->a, eq, strlen(eq));
            v.life = TC_STATIC;
        }
        vec_push(c->vars, v);
    }
}

static void add_fns(Collect *c, const char *spec)
{
    char word[128];
    for (const char *p = spec; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        p += n + (p[n] == ' ');
        char *lp = strchr(word, '('), *arrow = strstr(word, ")->");
        if (!lp || !arrow)
            continue;
        TcBoundFn f = {0};
        f.name = arena_strndup(c->a, word, (size_t)(lp - word));
        size_t eo;
        char err[8];
        const Type *pt = ty_parse(c->a, lp, (size_t)(arrow + 1 - lp), false,
                                  &eo, err, sizeof err);
        if (pt && pt->kind == TY_TUPLE) {
            f.params = pt->elems;
            f.nparams = pt->n;
        }
        f.result = ty_parse(c->a, arrow + 3, strlen(arrow + 3), false, &eo,
                            err, sizeof err);
        f.is_static = true;
        vec_push(c->fns, f);
    }
}

/* The four constants of every opcode event, which the YAML
 * writes as literal derived_froms. */
static void add_opcode_consts(Collect *c, const EventDef *ev)
{
    static const char *const cats[] = {
        "arith", "atomic", "compare", "const", "control", "convert", "exn",
        "gc", "global", "load", "local", "memory", "misc", "ref", "simd",
        "store", "table",
    };
    char spec[192];
    snprintf(spec, sizeof spec, "opname:str:s=\"%s\" bytecode:u16:s=%s "
             "category_id:u32:s=%u category_name:str:s=\"%s\"", ev->name,
             ev->code, ev->cat, ev->cat < ARRAY_LEN(cats) ? cats[ev->cat] : "");
    add_vars(c, spec);
}

static const TcMatch *make_match(Arena *a, const PackageDef *pk,
                                 const EventDef *ev, const char *mode)
{
    Collect c = {a, {0}, {0}};
    add_vars(&c, wasm_vars);
    add_vars(&c, pk->vars);
    add_fns(&c, pk->fns);
    if (ev && ev->code)
        add_opcode_consts(&c, ev);
    if (ev) {
        add_vars(&c, ev->vars);
        add_fns(&c, ev->fns);
    }
    TcMatch *m = arena_alloc(a, sizeof *m);
    char rule[160];
    snprintf(rule, sizeof rule, "wasm:%s%s%s%s%s", pk->name, ev ? ":" : "",
             ev ? ev->name : "", mode ? ":" : "", mode ? mode : "");
    m->rule = arena_strndup(a, rule, strlen(rule));
    m->event = ev ? ev->name : pk->name;
    m->nvars = c.vars.n;
    m->vars = arena_dup(a, c.vars.v, sizeof *c.vars.v * c.vars.n);
    m->nfns = c.fns.n;
    m->fns = c.fns.n ? arena_dup(a, c.fns.v, sizeof *c.fns.v * c.fns.n)
                     : NULL;
    vec_free(c.vars);
    vec_free(c.fns);
    return m;
}

/* ---- expansion ------------------------------------------------------------- */

typedef struct {
    const char *const *parts;
    uint32_t nparts;
    Arena *a;
    VEC(const TcMatch *) out;
    bool hit[4];            /* some name matched at this level */
    bool bad;               /* an invalid glob */
    const char *wrong_shape; /* a match needing a different part count */
} Expand;

static void try_modes(Expand *x, const PackageDef *pk, const EventDef *ev)
{
    char mode[32];
    for (const char *p = ev->modes; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(mode, sizeof mode, "%.*s", (int)n, p);
        p += n + (p[n] == ' ');
        if (tc_glob_match(x->parts[3], mode, &x->bad)) {
            x->hit[3] = true;
            vec_push(x->out, make_match(x->a, pk, ev, mode));
        }
    }
}

static void try_events(Expand *x, const PackageDef *pk)
{
    if (!pk->events) {
        if (x->nparts == 2)
            vec_push(x->out, make_match(x->a, pk, NULL, NULL));
        else
            x->wrong_shape = pk->name;
        return;
    }
    if (x->nparts == 2) {
        x->wrong_shape = pk->name;
        return;
    }
    for (const EventDef *ev = pk->events; ev->name; ev++) {
        if (!tc_glob_match(x->parts[2], ev->name, &x->bad))
            continue;
        x->hit[2] = true;
        if ((ev->modes != NULL) != (x->nparts == 4))
            x->wrong_shape = ev->name;
        else if (ev->modes)
            try_modes(x, pk, ev);
        else
            vec_push(x->out, make_match(x->a, pk, ev, NULL));
    }
}

/* "did you mean" among the names of the level that failed. */
static void suggest(const char *part, uint32_t level, TcExpandError *err)
{
    const char *best = NULL;
    unsigned bestd = 3;
    for (size_t p = 0; p < ARRAY_LEN(wasm_packages); p++) {
        const PackageDef *pk = &wasm_packages[p];
        if (level == 0 || level == 1) {
            const char *cand = level == 0 ? "wasm" : pk->name;
            unsigned d = str_edit_distance(part, cand, true);
            if (d < bestd)
                bestd = d, best = cand;
            continue;
        }
        for (const EventDef *ev = pk->events; ev && ev->name; ev++) {
            if (level == 2 && str_edit_distance(part, ev->name, true) < bestd)
                bestd = str_edit_distance(part, ev->name, true), best = ev->name;
            if (level != 3 || !ev->modes)
                continue;
            const char *known[] = {"before", "after", "alt", "at_target",
                                   "entry", "exit"};
            for (size_t k = 0; k < ARRAY_LEN(known); k++)
                if (str_edit_distance(part, known[k], true) < bestd)
                    bestd = str_edit_distance(part, known[k], true), best = known[k];
        }
    }
    if (best && strcmp(best, part) != 0)
        snprintf(err->hint, sizeof err->hint, "did you mean `%s`?", best);
}

static const char *const level_names[] = {"provider", "package", "event",
                                          "mode"};

static TcExpandStatus expand(void *ctx, const char *const *parts,
                             uint32_t nparts, Arena *a,
                             const TcMatch *const **out, uint32_t *nout,
                             TcExpandError *err)
{
    (void)ctx;
    Expand x;
    memset(&x, 0, sizeof x);
    x.parts = parts;
    x.nparts = nparts;
    x.a = a;
    memset(err, 0, sizeof *err);
    x.hit[0] = tc_glob_match(parts[0], "wasm", &x.bad);
    for (size_t p = 0; x.hit[0] && p < ARRAY_LEN(wasm_packages); p++) {
        if (!tc_glob_match(parts[1], wasm_packages[p].name, &x.bad))
            continue;
        x.hit[1] = true;
        try_events(&x, &wasm_packages[p]);
    }
    *nout = x.out.n;
    *out = x.out.n ? arena_dup(a, x.out.v, sizeof *x.out.v * x.out.n) : NULL;
    vec_free(x.out);
    if (x.bad) {
        for (err->part = 0; err->part < nparts; err->part++)
            if (strchr(parts[err->part], '['))
                break;
        if (err->part == nparts)
            err->part = 0;
        snprintf(err->msg, sizeof err->msg, "invalid pattern `%s`: a `[` "
                 "is not closed", parts[err->part]);
        return TC_EXPAND_BAD;
    }
    if (*nout)
        return TC_EXPAND_OK;
    if (x.wrong_shape) {
        err->part = nparts - 1;
        snprintf(err->msg, sizeof err->msg, "`%s` needs a rule with %s",
                 x.wrong_shape, nparts == 4 ? "3 parts (it has no modes)"
                 : nparts == 3 ? "4 parts: add a mode, e.g. `:before`"
                               : "an event part");
        return TC_EXPAND_BAD;
    }
    uint32_t level = 0;
    while (level + 1 < nparts && x.hit[level])
        level++;
    err->part = level;
    snprintf(err->msg, sizeof err->msg, "no %s matches `%s`",
             level_names[level], parts[level]);
    suggest(parts[level], level, err);
    return TC_EXPAND_NOMATCH;
}

static const TcProvider builtin = {NULL, expand};

const TcProvider *tc_builtin_provider(void) { return &builtin; }
