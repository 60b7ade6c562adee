/* match.c -- probe rules against the registry: globs, expansion into
 * (provider, package, event, mode) matches with probe numbering, and the
 * bound items a match puts in scope.
 * docs/providers.md "Rules and probe numbering": probe numbers come from
 * one counter per provider, expansion order package -> event -> mode in
 * YAML order; no match is a warning for scripts, an error for `whamm info`;
 * bad globs are errors.
 *
 *   rule  := part ':' part [':' part [':' part]]     (2, 3 or 4 parts)
 *   part  := alt ('|' alt)* | <empty>                 (empty means `*`)
 *   alt   := (char | '*' | '?' | class)*              (case-insensitive)
 *   class := '[' ['!'] [']'] (char | char '-' char)* ']'
 * Parenthesised type bounds after a part are skipped; blanks are ignored. */
#include "prov_impl.h"

#include <ctype.h>
#include <string.h>

/* ---- globs ---------------------------------------------------------------- */

/* Length of the class starting at pat[0] == '[', or 0 if unclosed.  A `]`
 * right after `[` or `[!` is a literal member (Rust glob syntax). */
static size_t class_len(const char *pat, size_t plen)
{
    size_t i = 1;
    if (i < plen && pat[i] == '!')
        i++;
    if (i < plen && pat[i] == ']')
        i++;
    while (i < plen && pat[i] != ']')
        i++;
    return i < plen ? i + 1 : 0;
}

static bool class_has(const char *cls, size_t clen, int c)
{
    size_t i = 1, end = clen - 1;
    bool neg = cls[i] == '!';
    i += neg;
    bool hit = false;
    for (; i < end; i++) {
        int lo = tolower((unsigned char)cls[i]), hi = lo;
        if (i + 2 < end && cls[i + 1] == '-') {
            hi = tolower((unsigned char)cls[i + 2]);
            i += 2;
        }
        hit |= c >= lo && c <= hi;
    }
    return hit != neg;
}

long prov_glob_check(const char *pat, size_t plen)
{
    for (size_t i = 0; i < plen; i++) {
        if (pat[i] == '[') {
            size_t n = class_len(pat + i, plen - i);
            if (!n)
                return (long)i;
            i += n - 1;
        }
    }
    return -1;
}

/* Iterative matching with one backtrack point (the last `*`): each other
 * item matches exactly one character, so this is exact and linear-ish. */
bool prov_glob_match(const char *pat, size_t plen, const char *name)
{
    size_t p = 0, star = (size_t)-1;
    const char *n = name, *mark = NULL;
    while (*n) {
        int c = tolower((unsigned char)*n);
        size_t cl = p < plen && pat[p] == '[' ? class_len(pat + p, plen - p)
                                               : 0;
        if (p < plen && pat[p] == '*') {
            star = ++p;
            mark = n;
        } else if (p < plen && (pat[p] == '?' ||
                                (cl && class_has(pat + p, cl, c)) ||
                                (!cl && pat[p] != '[' &&
                                 tolower((unsigned char)pat[p]) == c))) {
            p += cl ? cl : 1;
            n++;
        } else if (star != (size_t)-1) {
            p = star;
            n = ++mark;
        } else {
            return false;
        }
    }
    while (p < plen && pat[p] == '*')
        p++;
    return p == plen;
}

/* ---- rules ---------------------------------------------------------------- */

typedef struct {
    const char *text;        /* the part, type bounds removed */
    size_t len;
    size_t off;              /* byte offset in the rule */
    char buf[256];
} RulePart;

typedef struct {
    RulePart part[4];
    int n;
} Rule;

static const char *const part_names[] = {"provider", "package", "event",
                                         "mode"};

static Span part_span(Span rule, const RulePart *p)
{
    if (rule.file && rule.line) {
        rule.col += (uint32_t)p->off;
        rule.len = (uint32_t)(p->len ? p->len : 1);
    }
    return rule;
}

/* Splits at ':' outside parentheses; parenthesised type bounds are the
 * script parser's business and are skipped here. */
static bool rule_split(const char *s, size_t len, Rule *r, Span span,
                       DiagSink *sink)
{
    memset(r, 0, sizeof *r);
    int depth = 0;
    RulePart *p = &r->part[0];
    r->n = 1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '(' || c == ')') {
            depth += c == '(' ? 1 : (depth > 0 ? -1 : 0);
        } else if (c == ':' && depth == 0) {
            if (r->n == 4) {
                diag_emit(sink, DIAG_RULE_SHAPE, span,
                          "probe rule '%.*s' has more than 4 parts; expected "
                          "provider:package:event:mode", (int)len, s);
                return false;
            }
            p = &r->part[r->n++];
            p->off = i + 1;
        } else if (depth == 0 && !isspace((unsigned char)c)) {
            if (!p->len)
                p->off = i;
            if (p->len < sizeof p->buf - 1)
                p->buf[p->len++] = c;
        }
    }
    if (r->n < 2) {
        diag_emit(sink, DIAG_RULE_SHAPE, span,
                  "probe rule '%.*s' has one part; expected provider:package, "
                  "provider:package:event or provider:package:event:mode",
                  (int)len, s);
        return false;
    }
    for (int i = 0; i < r->n; i++) {
        RulePart *q = &r->part[i];
        if (!q->len)
            q->buf[q->len++] = '*';        /* empty part means `*` */
        q->text = q->buf;
    }
    return true;
}

/* Each `|` alternative must be a valid glob. */
static bool rule_check_globs(const Rule *r, Span span, DiagSink *sink)
{
    bool ok = true;
    for (int i = 0; i < r->n; i++) {
        const RulePart *p = &r->part[i];
        size_t a = 0;
        for (size_t j = 0; j <= p->len; j++) {
            if (j < p->len && p->text[j] != '|')
                continue;
            long bad = prov_glob_check(p->text + a, j - a);
            if (bad >= 0) {
                Span s = part_span(span, p);
                diag_emit(sink, DIAG_RULE_BAD_GLOB, s,
                          "invalid %s pattern '%.*s': unmatched '%c' at "
                          "offset %ld; expected a glob of *, ?, [abc], [!abc]",
                          part_names[i], (int)p->len, p->text,
                          p->text[a + (size_t)bad], (long)a + bad);
                ok = false;
            }
            a = j + 1;
        }
    }
    return ok;
}

static bool part_match(const RulePart *p, const char *name)
{
    size_t a = 0;
    for (size_t j = 0; j <= p->len; j++) {
        if (j < p->len && p->text[j] != '|')
            continue;
        if (prov_glob_match(p->text + a, j - a, name))
            return true;
        a = j + 1;
    }
    return false;
}

/* ---- expansion ---------------------------------------------------------- */

typedef struct {
    const Rule *rule;
    ProvNumbering *num;
    ProvMatchList *out;
    int reached;             /* parts matched somewhere (0..n) */
    const char *shape_hint;  /* a name excluded only by the rule's shape */
    int hint_level;
} Expand;

static void emit(Expand *x, const ProvProvider *pv, const ProvPackage *pk,
                 const ProvEvent *ev, const ProvMode *m)
{
    ProvMatch mt = {0, pv, pk, ev, m};
    if (x->num && pv->index < x->num->n)
        mt.probe_id = x->num->next[pv->index]++;
    else
        mt.probe_id = x->out->n;
    vec_push(*x->out, mt);
}

static void reach(Expand *x, int level)
{
    if (x->reached < level)
        x->reached = level;
}

static void hint(Expand *x, int level, const char *name)
{
    if (!x->shape_hint || x->hint_level < level) {
        x->shape_hint = name;
        x->hint_level = level;
    }
}

static void expand_event(Expand *x, const ProvProvider *pv,
                         const ProvPackage *pk, const ProvEvent *ev)
{
    const Rule *r = x->rule;
    if (r->n == 3) {
        if (ev->nmodes) {
            hint(x, 2, ev->name);
            return;
        }
        reach(x, 3);
        emit(x, pv, pk, ev, NULL);
        return;
    }
    if (!ev->nmodes) {
        hint(x, 2, ev->name);
        return;
    }
    reach(x, 3);
    for (uint32_t i = 0; i < ev->nmodes; i++) {
        const ProvMode *m = &ev->modes[i];
        if (part_match(&r->part[3], m->alias ? m->alias : m->name)) {
            reach(x, 4);
            emit(x, pv, pk, ev, m);
        }
    }
}

static void expand_package(Expand *x, const ProvProvider *pv,
                           const ProvPackage *pk)
{
    const Rule *r = x->rule;
    if (r->n == 2) {
        if (pk->nevents) {
            hint(x, 1, pk->name);
            return;
        }
        reach(x, 2);
        emit(x, pv, pk, NULL, NULL);
        return;
    }
    if (!pk->nevents) {
        hint(x, 1, pk->name);
        return;
    }
    reach(x, 2);
    for (uint32_t i = 0; i < pk->nevents; i++)
        if (part_match(&r->part[2], pk->events[i]->name))
            expand_event(x, pv, pk, pk->events[i]);
}

/* The name nearest to text (edit distance < 3) at a level of the tree:
 * 0 providers, 1 packages, 2 events, 3 modes (as rules write them). */
typedef struct {
    const char *text;
    const char *best;
    unsigned dist;
} Nearest;

static void nearer(Nearest *n, const char *cand)
{
    unsigned d = str_edit_distance(n->text, cand, true);
    if (d < n->dist && strcmp(n->text, cand) != 0) {
        n->dist = d;
        n->best = cand;
    }
}

static void nearest_in_package(Nearest *n, const ProvPackage *pk, int lvl)
{
    if (lvl == 1) {
        nearer(n, pk->name);
        return;
    }
    for (uint32_t k = 0; k < pk->nevents; k++) {
        const ProvEvent *ev = pk->events[k];
        if (lvl == 2)
            nearer(n, ev->name);
        for (uint32_t m = 0; lvl == 3 && m < ev->nmodes; m++)
            nearer(n, ev->modes[m].alias ? ev->modes[m].alias
                                         : ev->modes[m].name);
    }
}

static const char *nearest_name(const ProvRegistry *r, const char *text,
                                int lvl)
{
    Nearest n = {text, NULL, 3};
    for (uint32_t i = 0; i < prov_provider_count(r); i++) {
        const ProvProvider *pv = prov_provider_at(r, i);
        if (lvl == 0)
            nearer(&n, pv->name);
        for (uint32_t j = 0; lvl > 0 && j < pv->npackages; j++)
            nearest_in_package(&n, pv->packages[j], lvl);
    }
    return n.best;
}

static void no_match(const ProvRegistry *r, const Expand *x, Span span,
                     ProvNoMatch policy, DiagSink *sink)
{
    int lvl = x->reached < x->rule->n ? x->reached : x->rule->n - 1;
    const RulePart *p = &x->rule->part[lvl];
    (void)policy; /* both report E0203: callers that word it their own
                     way (the checker, the planner) pass a private sink */
    Diag *d = diag_emit(sink, DIAG_RULE_NO_MATCH, part_span(span, p),
                        "could not find any matches for the %s pattern '%.*s'",
                        part_names[lvl], (int)p->len, p->text);
    if (x->shape_hint && x->hint_level == lvl && lvl == 1)
        diag_note(sink, d, (Span){0},
                  "package '%s' has events: name one, e.g. add ':*'",
                  x->shape_hint);
    else if (x->shape_hint && x->hint_level == lvl && x->rule->n == 3)
        diag_note(sink, d, (Span){0},
                  "event '%s' has modes: add a mode part, e.g. ':before'",
                  x->shape_hint);
    else if (x->shape_hint && x->hint_level == lvl)
        diag_note(sink, d, (Span){0},
                  "event '%s' has no modes: drop the mode part",
                  x->shape_hint);
    else {
        char text[64];
        snprintf(text, sizeof text, "%.*s", (int)p->len, p->text);
        const char *best = nearest_name(r, text, lvl);
        if (best)
            diag_note(sink, d, (Span){0}, "did you mean `%s`?", best);
    }
}

bool prov_match_rule(const ProvRegistry *r, const char *rule, size_t len,
                     Span span, ProvNoMatch policy, ProvNumbering *num,
                     ProvMatchList *out, ProvPart *o_failed, DiagSink *sink)
{
    Rule ru;
    if (o_failed)
        *o_failed = PROV_PART_NONE;
    if (!rule_split(rule, len, &ru, span, sink) ||
        !rule_check_globs(&ru, span, sink))
        return false;
    Expand x = {&ru, num, out, 0, NULL, 0};
    uint32_t before = out->n;
    for (uint32_t i = 0; i < r->providers.n; i++) {
        const ProvProvider *pv = &r->providers.v[i]->pub;
        if (!part_match(&ru.part[0], pv->name))
            continue;
        reach(&x, 1);
        for (uint32_t j = 0; j < pv->npackages; j++)
            if (part_match(&ru.part[1], pv->packages[j]->name))
                expand_package(&x, pv, pv->packages[j]);
    }
    if (out->n > before)
        return true;
    no_match(r, &x, span, policy, sink);
    if (o_failed)
        *o_failed = (ProvPart)(x.reached < ru.n ? x.reached : ru.n - 1);
    return false;
}

void prov_numbering_init(ProvNumbering *num, const ProvRegistry *r)
{
    num->n = r->providers.n;
    num->next = xcalloc(num->n ? num->n : 1, sizeof *num->next);
}

void prov_numbering_fini(ProvNumbering *num)
{
    free(num->next);
    num->next = NULL;
    num->n = 0;
}

static void write_name(Buf *b, const ProvMatch *m, bool no_mode_marker,
                       bool as_written)
{
    buf_printf(b, "%s:%s", m->provider->name, m->package->name);
    if (m->event)
        buf_printf(b, ":%s", m->event->name);
    if (m->mode)
        buf_printf(b, ":%s", as_written && m->mode->alias ? m->mode->alias
                                                          : m->mode->name);
    else if (m->event && no_mode_marker)
        buf_printf(b, ":<no-mode>");
}

void prov_match_name(Buf *b, const ProvMatch *m, bool no_mode_marker)
{
    write_name(b, m, no_mode_marker, false);
}

void prov_match_rule_name(Buf *b, const ProvMatch *m)
{
    write_name(b, m, false, true);
}

/* ---- scope ---------------------------------------------------------------- */

/* The levels of a match, outermost first; returns how many. */
static int levels(const ProvRegistry *r, const ProvMatch *m,
                  const ProvItems *o_lv[4])
{
    int n = 0;
    o_lv[n++] = &r->core;
    o_lv[n++] = &m->provider->items;
    o_lv[n++] = &m->package->items;
    if (m->event)
        o_lv[n++] = &m->event->items;
    return n;
}

void prov_scope_vars(const ProvRegistry *r, const ProvMatch *m,
                     ProvVarList *out)
{
    const ProvItems *lv[4];
    int n = levels(r, m, lv);
    for (int i = 0; i < n; i++)
        for (uint32_t j = 0; j < lv[i]->nvars; j++)
            vec_push(*out, &lv[i]->vars[j]);
}

void prov_scope_fns(const ProvRegistry *r, const ProvMatch *m,
                    ProvFnList *out)
{
    const ProvItems *lv[4];
    int n = levels(r, m, lv);
    for (int i = 0; i < n; i++)
        for (uint32_t j = 0; j < lv[i]->nfns; j++)
            vec_push(*out, &lv[i]->fns[j]);
}

bool prov_var_matches(const ProvVar *v, const char *name)
{
    if (!v->prefix)
        return strcmp(v->name, name) == 0;
    size_t n = strlen(v->prefix);
    if (strncmp(v->prefix, name, n) != 0 || !name[n])
        return false;
    for (const char *s = name + n; *s; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

/* Innermost first; at one level a concrete name wins over a pattern. */
const ProvVar *prov_lookup_var(const ProvRegistry *r, const ProvMatch *m,
                               const char *name)
{
    const ProvItems *lv[4];
    for (int i = levels(r, m, lv) - 1; i >= 0; i--) {
        const ProvVar *pat = NULL;
        for (uint32_t j = 0; j < lv[i]->nvars; j++) {
            const ProvVar *v = &lv[i]->vars[j];
            if (!v->prefix && !strcmp(v->name, name))
                return v;
            if (!pat && v->prefix && prov_var_matches(v, name))
                pat = v;
        }
        if (pat)
            return pat;
    }
    return NULL;
}

const ProvFn *prov_lookup_fn(const ProvRegistry *r, const ProvMatch *m,
                             const char *name)
{
    const ProvItems *lv[4];
    for (int i = levels(r, m, lv) - 1; i >= 0; i--)
        for (uint32_t j = 0; j < lv[i]->nfns; j++)
            if (!strcmp(lv[i]->fns[j].name, name))
                return &lv[i]->fns[j];
    return NULL;
}
