/* load.c -- loading provider definitions from YAML with libyaml's document
 * API, validating them against schema.def, and building the registry.
 * docs/providers.md "Schema" describes the format and our extensions: each
 * file is loaded on its own, aliases and merge keys (`<<: *x`) work, a list
 * item that is itself a list is spliced in (so `- *memarg_vars` adds a
 * group), and a provider or package entry without docs extends the one of
 * that name.
 *
 * Every problem is a diagnostic at file:line:col (the node's yaml mark, made
 * 1-based) and loading goes on, so one run reports them all.  Alias cycles
 * and alias bombs are bounded by a depth limit and a node budget. */
#include "prov_impl.h"
#include "../wasm/wasm.h"

#include <ctype.h>
#include <string.h>
#include <yaml.h>

enum {
    MAX_PAIRS = 32,           /* distinct keys in one mapping */
    MAX_DEPTH = 24,           /* nested merges / spliced lists */
    NODE_BUDGET = 1000000,    /* node visits per file */
    MAX_ERRORS = 50,          /* per file: then loading stops */
};

typedef enum {
    SN_FILE, SN_CORE, SN_PROVIDER, SN_PACKAGE, SN_EVENT, SN_MODE, SN_VAR,
    SN_FN, SN_COUNT
} SchemaNode;

typedef enum {
    SK_STR, SK_STR_NULL, SK_BOOL, SK_INT, SK_SEQ, SK_MAP, SK_ANY
} SchemaKind;

typedef struct {
    uint8_t node, kind, required;
    const char *key;
} SchemaKey;

static const SchemaKey schema[] = {
#define SCHEMA(node, key, kind, req) {SN_##node, SK_##kind, req, key},
#include "schema.def"
#undef SCHEMA
};

static const char *const node_desc[SN_COUNT] = {
    "provider file", "whamm core", "provider", "package", "event", "mode",
    "bound variable", "bound function",
};

static const char *const kind_desc[] = {
    "a string", "a string or null", "a boolean (true/false)", "an integer",
    "a list", "a mapping", "anything",
};

typedef struct {
    const char *key;
    yaml_node_t *knode;       /* the key (for unknown-key spans) */
    yaml_node_t *val;
} Pair;

typedef struct {
    Pair v[MAX_PAIRS];
    uint32_t n;
    yaml_node_t *map;         /* the mapping itself */
} Pairs;

typedef VEC(yaml_node_t *) NodeList;

typedef struct {
    ProvRegistry *reg;
    DiagSink *sink;
    yaml_document_t doc;
    const char *path;         /* the sink's copy: spans point at it */
    uint32_t budget;          /* node visits left */
    bool exhausted;           /* E0110 for the budget already reported */
    uint32_t errors0;         /* sink->nerrors when the file started */
    bool defines;             /* a document had a `whamm` or `providers` */
} Loader;

/* After MAX_ERRORS errors in one file, say so once and stop: an alias
 * bomb of duplicates must not turn into millions of diagnostics. */
static bool too_many(Loader *L)
{
    uint32_t n = L->sink->nerrors - L->errors0;
    if (n < MAX_ERRORS)
        return false;
    if (n == MAX_ERRORS)
        diag_emit(L->sink, DIAG_TOO_MANY, (Span){L->path, 0, 0, 0},
                  "too many errors in this file; the rest were not "
                  "reported");
    return true;
}

/* ---- spans and small helpers -------------------------------------------- */

static Span span_of(const Loader *L, const yaml_node_t *n)
{
    Span s = {L->path, (uint32_t)n->start_mark.line + 1,
              (uint32_t)n->start_mark.column + 1, 0};
    if (n->end_mark.line == n->start_mark.line &&
        n->end_mark.index > n->start_mark.index)
        s.len = (uint32_t)(n->end_mark.index - n->start_mark.index);
    return s;
}

static yaml_node_t *node_at(Loader *L, int id)
{
    return yaml_document_get_node(&L->doc, id);
}

static const char *sval(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

static bool is_null(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = sval(n);
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
           !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int parse_bool(const yaml_node_t *n)
{
    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return -1;
    const char *s = sval(n);
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
        return 1;
    if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
        return 0;
    return -1;
}

static bool parse_int(const yaml_node_t *n, int32_t *out)
{
    if (n->type != YAML_SCALAR_NODE ||
        n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const char *s = sval(n);
    bool neg = *s == '-';
    s += neg;
    if (!*s || strlen(s) > 9)
        return false;
    int32_t v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return false;
        v = v * 10 + (*s - '0');
    }
    *out = neg ? -v : v;
    return true;
}

bool prov_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

/* Spends one unit of the node budget; false (reported once) when empty. */
static bool visit(Loader *L, const yaml_node_t *n)
{
    if (L->budget) {
        L->budget--;
        return true;
    }
    if (!L->exhausted)
        diag_emit(L->sink, DIAG_YAML_TOO_COMPLEX, span_of(L, n),
                  "aliases expand to more than %u nodes; expected a "
                  "definition without alias bombs", NODE_BUDGET);
    L->exhausted = true;
    return false;
}

static bool too_deep(Loader *L, const yaml_node_t *n, int depth)
{
    if (depth <= MAX_DEPTH)
        return false;
    diag_emit(L->sink, DIAG_YAML_TOO_COMPLEX, span_of(L, n),
              "merge keys or nested lists go more than %d levels deep "
              "(an alias cycle?)", MAX_DEPTH);
    return true;
}

/* ---- mappings: merge keys and the schema ---------------------------------- */

static Pair *pairs_get(Pairs *ps, const char *key)
{
    for (uint32_t i = 0; i < ps->n; i++)
        if (!strcmp(ps->v[i].key, key))
            return &ps->v[i];
    return NULL;
}

static yaml_node_t *get(Pairs *ps, const char *key)
{
    Pair *p = pairs_get(ps, key);
    return p ? p->val : NULL;
}

static bool add_pairs(Loader *L, yaml_node_t *map, Pairs *ps, int depth,
                      bool explicit);

/* `<<: *x` or `<<: [*x, *y]`: earlier maps win over later ones. */
static bool add_merge(Loader *L, yaml_node_t *v, Pairs *ps, int depth)
{
    if (v->type == YAML_MAPPING_NODE)
        return add_pairs(L, v, ps, depth + 1, false);
    if (v->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = v->data.sequence.items.start;
             it < v->data.sequence.items.top; it++) {
            yaml_node_t *m = node_at(L, *it);
            if (!m || m->type != YAML_MAPPING_NODE) {
                diag_emit(L->sink, DIAG_YAML_WRONG_KIND, span_of(L, m ? m : v),
                          "merge key '<<' expects a mapping or a list of "
                          "mappings");
                return false;
            }
            if (!add_pairs(L, m, ps, depth + 1, false))
                return false;
        }
        return true;
    }
    diag_emit(L->sink, DIAG_YAML_WRONG_KIND, span_of(L, v),
              "merge key '<<' expects a mapping or a list of mappings");
    return false;
}

static bool add_one(Loader *L, yaml_node_t *k, yaml_node_t *v, Pairs *ps,
                    bool explicit)
{
    Pair *old = pairs_get(ps, sval(k));
    if (old && explicit) {
        Diag *d = diag_emit(L->sink, DIAG_YAML_DUPLICATE, span_of(L, k),
                            "duplicate key '%s'", sval(k));
        diag_note(L->sink, d, span_of(L, old->knode), "first given here");
        return true;
    }
    if (old)
        return true;                 /* overridden by an explicit key */
    if (ps->n == MAX_PAIRS) {
        diag_emit(L->sink, DIAG_YAML_TOO_COMPLEX, span_of(L, k),
                  "more than %d keys in one mapping", MAX_PAIRS);
        return false;
    }
    ps->v[ps->n++] = (Pair){sval(k), k, v};
    return true;
}

static bool add_pairs(Loader *L, yaml_node_t *map, Pairs *ps, int depth,
                      bool explicit)
{
    if (too_deep(L, map, depth) || !visit(L, map))
        return false;
    yaml_node_t *merge = NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
         p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(L, p->key), *v = node_at(L, p->value);
        if (!k || !v)
            continue;
        if (k->type != YAML_SCALAR_NODE) {
            diag_emit(L->sink, DIAG_YAML_WRONG_KIND, span_of(L, k),
                      "expected a string key");
            continue;
        }
        if (!strcmp(sval(k), "<<") &&
            k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            merge = v;
            continue;
        }
        if (!add_one(L, k, v, ps, explicit))
            return false;
    }
    return merge ? add_merge(L, merge, ps, depth) : true;
}

static bool kind_ok(const yaml_node_t *v, SchemaKind kind)
{
    int32_t i;
    switch (kind) {
    case SK_STR: return v->type == YAML_SCALAR_NODE && !is_null(v);
    case SK_STR_NULL: return v->type == YAML_SCALAR_NODE;
    case SK_BOOL: return parse_bool(v) >= 0;
    case SK_INT: return parse_int(v, &i);
    case SK_SEQ: return v->type == YAML_SEQUENCE_NODE;
    case SK_MAP: return v->type == YAML_MAPPING_NODE;
    case SK_ANY: return true;
    }
    return false;
}

static const char *found_desc(const yaml_node_t *v)
{
    if (v->type == YAML_SEQUENCE_NODE)
        return "a list";
    if (v->type == YAML_MAPPING_NODE)
        return "a mapping";
    return is_null(v) ? "null" : "a scalar";
}

static void expected_keys(Buf *b, SchemaNode node)
{
    for (size_t i = 0; i < ARRAY_LEN(schema); i++)
        if (schema[i].node == node)
            buf_printf(b, "%s%s", b->len ? ", " : "", schema[i].key);
    buf_push(b, 0);
}

static void unknown_key(Loader *L, const Pair *p, SchemaNode node)
{
    Buf b;
    buf_init(&b);
    expected_keys(&b, node);
    diag_emit(L->sink, DIAG_YAML_UNKNOWN_KEY, span_of(L, p->knode),
              "unknown key '%s' in a %s; expected one of: %s", p->key,
              node_desc[node], (const char *)b.data);
    buf_fini(&b);
}

/* Checks one pair against the schema; false if unknown or mistyped. */
static bool check_pair(Loader *L, const Pair *p, SchemaNode node)
{
    for (size_t i = 0; i < ARRAY_LEN(schema); i++) {
        if (schema[i].node != node || strcmp(schema[i].key, p->key))
            continue;
        if (kind_ok(p->val, (SchemaKind)schema[i].kind))
            return true;
        diag_emit(L->sink, DIAG_YAML_WRONG_KIND, span_of(L, p->val),
                  "'%s' of a %s must be %s, found %s", p->key,
                  node_desc[node], kind_desc[schema[i].kind],
                  found_desc(p->val));
        return false;
    }
    unknown_key(L, p, node);
    return false;
}

/* Collects map's keys (explicit, then merged) and checks them against the
 * schema.  Mistyped or unknown pairs are dropped, so callers only see
 * values of the right kind.  False if map is not a mapping or a required
 * key is missing. */
static bool collect(Loader *L, yaml_node_t *map, SchemaNode node, Pairs *ps)
{
    ps->n = 0;
    ps->map = map;
    if (map->type != YAML_MAPPING_NODE) {
        diag_emit(L->sink, DIAG_YAML_WRONG_KIND, span_of(L, map),
                  "expected a mapping (a %s), found %s", node_desc[node],
                  found_desc(map));
        return false;
    }
    if (!add_pairs(L, map, ps, 0, true))
        return false;
    bool ok = true;
    for (size_t i = 0; i < ARRAY_LEN(schema); i++) {
        if (schema[i].node != node || !schema[i].required ||
            pairs_get(ps, schema[i].key))
            continue;
        diag_emit(L->sink, DIAG_YAML_MISSING_KEY, span_of(L, map),
                  "missing key '%s' in a %s", schema[i].key, node_desc[node]);
        ok = false;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < ps->n; i++)
        if (check_pair(L, &ps->v[i], node))
            ps->v[kept++] = ps->v[i];
    ps->n = kept;
    /* a required key of the wrong kind was reported, not kept */
    for (size_t i = 0; i < ARRAY_LEN(schema); i++)
        if (schema[i].node == node && schema[i].required &&
            !pairs_get(ps, schema[i].key))
            ok = false;
    return ok;
}

/* The items of a list, with lists nested in it (through aliases) spliced
 * in, so `- *group` adds every item of the group. */
static bool flatten(Loader *L, yaml_node_t *seq, NodeList *out, int depth)
{
    if (too_deep(L, seq, depth))
        return false;
    for (yaml_node_item_t *it = seq->data.sequence.items.start;
         it < seq->data.sequence.items.top; it++) {
        yaml_node_t *n = node_at(L, *it);
        if (!n || !visit(L, n))
            return false;
        if (n->type == YAML_SEQUENCE_NODE) {
            if (!flatten(L, n, out, depth + 1))
                return false;
        } else {
            vec_push(*out, n);
        }
    }
    return true;
}

static const char *dup_str(Loader *L, const yaml_node_t *n)
{
    return arena_strndup(&L->reg->arena, sval(n), n->data.scalar.length);
}

/* ---- names, types, lifetimes ------------------------------------------- */

static bool is_ident(const char *s, size_t n)
{
    if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return false;
    return true;
}

/* Provider, package, event and mode names: what a rule part can match. */
static bool check_name(Loader *L, yaml_node_t *n, const char *what)
{
    const char *s = sval(n);
    bool ok = *s != '\0';
    for (; *s; s++)
        if (strchr(":*?[]|() \t!", *s) || (unsigned char)*s < 0x20)
            ok = false;
    if (!ok)
        diag_emit(L->sink, DIAG_YAML_BAD_VALUE, span_of(L, n),
                  "invalid %s name '%s'; expected a non-empty name without "
                  "spaces or any of : * ? [ ] | ( ) !", what, sval(n));
    return ok;
}

/* Column of byte off inside a scalar (quoted scalars start one later). */
static Span inner_span(const Loader *L, const yaml_node_t *n, size_t off)
{
    Span s = span_of(L, n);
    bool quoted = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                  n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (s.len) {
        s.col += (uint32_t)(off + quoted);
        s.len = 1;
    }
    return s;
}

static const Type *parse_type(Loader *L, yaml_node_t *n, const char *text,
                              size_t len, size_t base, const char *what)
{
    size_t off = 0;
    char err[160];
    const Type *t = ty_parse(&L->reg->arena, text, len, true, &off, err,
                             sizeof err);
    if (!t)
        diag_emit(L->sink, DIAG_YAML_BAD_TYPE, inner_span(L, n, base + off),
                  "%s '%.*s' is not a whamm type: %s; expected a TYPE such "
                  "as u32, str, (i32, i32), map<u32, u64> or unknown", what,
                  (int)len, text, err);
    return t;
}

static bool parse_lifetime(Loader *L, yaml_node_t *n, bool fn,
                           ProvLifetime *out)
{
    static const char *const names[] = {"static", "dynamic", "derived",
                                        "user"};
    for (int i = 0; i < (fn ? 2 : 4); i++)
        if (!strcmp(sval(n), names[i])) {
            *out = (ProvLifetime)i;
            return true;
        }
    diag_emit(L->sink, DIAG_YAML_BAD_VALUE, span_of(L, n),
              "unknown lifetime '%s'; expected %s", sval(n),
              fn ? "static or dynamic" : "static, dynamic, derived or user");
    return false;
}

/* A var name: an identifier, or a pattern `prefix[0:9]+`. */
static bool var_name(Loader *L, yaml_node_t *n, ProvVar *v)
{
    const char *s = sval(n);
    size_t len = strlen(s);
    static const char pat[] = "[0:9]+";
    size_t plen = sizeof pat - 1;
    if (len > plen && !strcmp(s + len - plen, pat) &&
        is_ident(s, len - plen)) {
        v->prefix = arena_strndup(&L->reg->arena, s, len - plen);
        return true;
    }
    if (is_ident(s, len))
        return true;
    diag_emit(L->sink, DIAG_YAML_BAD_VALUE, span_of(L, n),
              "invalid bound variable name '%s'; expected an identifier or "
              "a pattern like arg[0:9]+", s);
    return false;
}

/* ---- bound variables and functions --------------------------------------- */

typedef VEC(ProvVar) VarVec;
typedef VEC(ProvFn) FnVec;

static bool load_var(Loader *L, yaml_node_t *n, ProvVar *v)
{
    Pairs ps;
    memset(v, 0, sizeof *v);
    v->span = span_of(L, n);
    if (!collect(L, n, SN_VAR, &ps))
        return false;
    yaml_node_t *name = get(&ps, "name"), *ty = get(&ps, "type");
    yaml_node_t *df = get(&ps, "derived_from"), *eo = get(&ps, "engine_only");
    v->name = dup_str(L, name);
    v->docs = dup_str(L, get(&ps, "docs"));
    bool ok = var_name(L, name, v);
    v->type = parse_type(L, ty, sval(ty), ty->data.scalar.length, 0, "type");
    ok &= v->type != NULL;
    ok &= parse_lifetime(L, get(&ps, "lifetime"), false, &v->lifetime);
    if (df && !is_null(df)) {
        v->derived_from = dup_str(L, df);
        v->derived_span = span_of(L, df);
    }
    v->engine_only = eo && parse_bool(eo) == 1;
    return ok;
}

/* One "name: TYPE" of a params list, text[0..len) at byte base. */
static bool load_param(Loader *L, yaml_node_t *n, const char *text,
                       size_t len, size_t base, const char **o_name,
                       const Type **o_type)
{
    const char *colon = memchr(text, ':', len);
    size_t a = 0, e = colon ? (size_t)(colon - text) : 0;
    while (a < e && text[a] == ' ')
        a++;
    while (e > a && text[e - 1] == ' ')
        e--;
    if (!colon || !is_ident(text + a, e - a)) {
        diag_emit(L->sink, DIAG_YAML_BAD_TYPE, inner_span(L, n, base + a),
                  "parameter '%.*s' is malformed; expected name: TYPE",
                  (int)len, text);
        return false;
    }
    *o_name = arena_strndup(&L->reg->arena, text + a, e - a);
    size_t t = (size_t)(colon - text) + 1;
    while (t < len && text[t] == ' ')
        t++;
    *o_type = parse_type(L, n, text + t, len - t, base + t, "parameter type");
    return *o_type != NULL;
}

/* params := '(' [param (',' param)*] ')'    param := IDENT ':' TYPE
 * e.g. "(a: T, b: map<u32, u32>)": split at top-level commas. */
static bool load_params(Loader *L, yaml_node_t *n, ProvFn *f)
{
    const char *s = sval(n);
    size_t len = strlen(s);
    if (len < 2 || s[0] != '(' || s[len - 1] != ')') {
        diag_emit(L->sink, DIAG_YAML_BAD_TYPE, span_of(L, n),
                  "params '%s' is malformed; expected (name: TYPE, ...)", s);
        return false;
    }
    const char *names[32];
    const Type *types[32];
    uint32_t np = 0;
    bool ok = true;
    size_t start = 1, depth = 0;
    bool blank = true;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];
        bool end = i == len - 1;
        if ((c == ',' && depth == 0) || end) {
            if (!(end && blank && np == 0)) {
                if (np == 32) {
                    diag_emit(L->sink, DIAG_YAML_TOO_COMPLEX, span_of(L, n),
                              "more than 32 parameters");
                    return false;
                }
                ok &= load_param(L, n, s + start, i - start, start,
                                 &names[np], &types[np]);
                np++;
            }
            start = i + 1;
            continue;
        }
        depth += (c == '(' || c == '<');
        depth -= (depth && (c == ')' || c == '>'));
        blank &= c == ' ';
    }
    if (!ok)
        return false;
    f->nparams = np;
    f->param_names = arena_dup(&L->reg->arena, names, np * sizeof names[0]);
    f->param_types = arena_dup(&L->reg->arena, types, np * sizeof types[0]);
    return true;
}

static bool load_fn(Loader *L, yaml_node_t *n, ProvFn *f)
{
    Pairs ps;
    memset(f, 0, sizeof *f);
    f->span = span_of(L, n);
    if (!collect(L, n, SN_FN, &ps))
        return false;
    yaml_node_t *name = get(&ps, "name"), *res = get(&ps, "results");
    yaml_node_t *ra = get(&ps, "req_args"), *eo = get(&ps, "engine_only");
    f->name = dup_str(L, name);
    f->docs = dup_str(L, get(&ps, "docs"));
    bool ok = is_ident(sval(name), strlen(sval(name)));
    if (!ok)
        diag_emit(L->sink, DIAG_YAML_BAD_VALUE, span_of(L, name),
                  "invalid bound function name '%s'; expected an "
                  "identifier", sval(name));
    ok &= load_params(L, get(&ps, "params"), f);
    f->result = parse_type(L, res, sval(res), res->data.scalar.length, 0,
                           "results");
    ok &= f->result != NULL;
    ok &= parse_lifetime(L, get(&ps, "lifetime"), true, &f->lifetime);
    if (ra && (!parse_int(ra, &f->req_args) || f->req_args < -1)) {
        diag_emit(L->sink, DIAG_YAML_BAD_VALUE, span_of(L, ra),
                  "req_args must be -1 (all), 0 or a count of operands");
        ok = false;
    }
    f->engine_only = eo && parse_bool(eo) == 1;
    return ok;
}

static void dup_note(Loader *L, Span at, Span first, const char *what,
                     const char *name)
{
    Diag *d = diag_emit(L->sink, DIAG_YAML_DUPLICATE, at,
                        "duplicate %s '%s'", what, name);
    diag_note(L->sink, d, first, "first defined here");
}

static void load_var_list(Loader *L, yaml_node_t *seq, VarVec *vars)
{
    NodeList nodes = {0};
    flatten(L, seq, &nodes, 0);
    for (uint32_t i = 0; i < nodes.n && !too_many(L); i++) {
        ProvVar v;
        if (!load_var(L, nodes.v[i], &v))
            continue;
        uint32_t j = 0;
        while (j < vars->n && !prov_name_eq(vars->v[j].name, v.name))
            j++;
        if (j < vars->n)
            dup_note(L, v.span, vars->v[j].span, "bound variable", v.name);
        else
            vec_push(*vars, v);
    }
    vec_free(nodes);
}

static void load_fn_list(Loader *L, yaml_node_t *seq, FnVec *fns)
{
    NodeList nodes = {0};
    flatten(L, seq, &nodes, 0);
    for (uint32_t i = 0; i < nodes.n && !too_many(L); i++) {
        ProvFn f;
        if (!load_fn(L, nodes.v[i], &f))
            continue;
        uint32_t j = 0;
        while (j < fns->n && !prov_name_eq(fns->v[j].name, f.name))
            j++;
        if (j < fns->n)
            dup_note(L, f.span, fns->v[j].span, "bound function", f.name);
        else
            vec_push(*fns, f);
    }
    vec_free(nodes);
}

/* bound_vars and bound_fns of one level, copied into the arena. */
static ProvItems load_items(Loader *L, Pairs *ps)
{
    VarVec vars = {0};
    FnVec fns = {0};
    yaml_node_t *bv = get(ps, "bound_vars"), *bf = get(ps, "bound_fns");
    if (bv)
        load_var_list(L, bv, &vars);
    if (bf)
        load_fn_list(L, bf, &fns);
    ProvItems it = {0};
    it.nvars = vars.n;
    it.vars = vars.n ? arena_dup(&L->reg->arena, vars.v,
                                 vars.n * sizeof *vars.v) : NULL;
    it.nfns = fns.n;
    it.fns = fns.n ? arena_dup(&L->reg->arena, fns.v,
                               fns.n * sizeof *fns.v) : NULL;
    vec_free(vars);
    vec_free(fns);
    return it;
}

/* ---- modes and events ---------------------------------------------------- */

static const struct {
    const char *name;
    bool user;
} mode_kinds[PROV_MODE_COUNT] = {
#define MODE(Name, text, user) {text, user},
#include "modes.def"
#undef MODE
};

const char *prov_mode_kind_name(ProvModeKind k) { return mode_kinds[k].name; }

static int mode_kind(const char *s, bool user_only)
{
    for (int i = 0; i < PROV_MODE_COUNT; i++)
        if (!strcmp(s, mode_kinds[i].name) && (!user_only || mode_kinds[i].user))
            return i;
    return -1;
}

static void mode_list(Buf *b, bool user_only)
{
    for (int i = 0; i < PROV_MODE_COUNT; i++)
        if (!user_only || mode_kinds[i].user)
            buf_printf(b, "%s%s", b->len ? ", " : "", mode_kinds[i].name);
    buf_push(b, 0);
}

static void bad_mode(Loader *L, yaml_node_t *n, bool alias)
{
    Buf b;
    buf_init(&b);
    mode_list(&b, alias);
    if (alias)
        diag_emit(L->sink, DIAG_YAML_BAD_MODE, span_of(L, n),
                  "mode alias '%s' points to no mode a rule can name; "
                  "expected one of: %s", sval(n), (const char *)b.data);
    else
        diag_emit(L->sink, DIAG_YAML_BAD_MODE, span_of(L, n),
                  "unknown mode '%s'; expected one of: %s", sval(n),
                  (const char *)b.data);
    buf_fini(&b);
}

static bool load_mode(Loader *L, yaml_node_t *n, ProvMode *m)
{
    Pairs ps;
    memset(m, 0, sizeof *m);
    m->span = span_of(L, n);
    if (!collect(L, n, SN_MODE, &ps))
        return false;
    yaml_node_t *name = get(&ps, "name"), *al = get(&ps, "alias_to");
    int k = mode_kind(sval(name), false);
    if (k < 0) {
        bad_mode(L, name, false);
        return false;
    }
    m->kind = (ProvModeKind)k;
    m->name = dup_str(L, name);
    m->docs = dup_str(L, get(&ps, "docs"));
    if (al && !is_null(al)) {
        if (mode_kind(sval(al), true) < 0) {
            bad_mode(L, al, true);
            return false;
        }
        m->alias = dup_str(L, al);
    }
    return true;
}

static const char *mode_key(const ProvMode *m)
{
    return m->alias ? m->alias : m->name;
}

static void load_modes(Loader *L, yaml_node_t *seq, ProvEvent *ev)
{
    NodeList nodes = {0};
    VEC(ProvMode) modes = {0};
    flatten(L, seq, &nodes, 0);
    for (uint32_t i = 0; i < nodes.n && !too_many(L); i++) {
        ProvMode m;
        if (!load_mode(L, nodes.v[i], &m))
            continue;
        uint32_t j = 0;
        while (j < modes.n && strcmp(mode_key(&modes.v[j]), mode_key(&m)))
            j++;
        if (j < modes.n)
            dup_note(L, m.span, modes.v[j].span, "mode", mode_key(&m));
        else
            vec_push(modes, m);
    }
    ev->nmodes = modes.n;
    ev->modes = modes.n ? arena_dup(&L->reg->arena, modes.v,
                                    modes.n * sizeof *modes.v) : NULL;
    vec_free(modes);
    vec_free(nodes);
}

/* The OPF_EVENT opcode an event names: its text name, with '_' for the
 * space of two-word mnemonics ("ref.test null" is event ref.test_null,
 * since rules cannot contain spaces).  -1 if none. */
static int event_op(const char *name)
{
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        const char *t = wasm_ops[op].name, *s = name;
        while (*t && (*t == *s || (*t == ' ' && *s == '_')))
            t++, s++;
        if (!*t && !*s && (wasm_ops[op].flags & OPF_EVENT))
            return op;
    }
    return -1;
}

static bool event_opcode(Loader *L, const PackageNode *pk, yaml_node_t *name,
                         ProvEvent *ev)
{
    ev->opcode = -1;
    if (!pk->pub.opcode_events)
        return true;
    int op = event_op(sval(name));
    if (op >= 0) {
        ev->opcode = op;
        return true;
    }
    diag_emit(L->sink, DIAG_YAML_NO_OPCODE, span_of(L, name),
              "event '%s' of opcode package '%s' has no entry in the opcode "
              "table; expected the text name of an instrumentable (OPF_EVENT) "
              "row of core/wasm/opcodes.def", sval(name), pk->pub.name);
    return false;
}

static void load_event(Loader *L, PackageNode *pk, yaml_node_t *n)
{
    Pairs ps;
    if (!collect(L, n, SN_EVENT, &ps))
        return;
    yaml_node_t *name = get(&ps, "name"), *sm = get(&ps, "supported_modes");
    if (!check_name(L, name, "event"))
        return;
    for (uint32_t i = 0; i < pk->events.n; i++)
        if (prov_name_eq(pk->events.v[i]->name, sval(name))) {
            dup_note(L, span_of(L, n), pk->events.v[i]->span, "event",
                     sval(name));
            return;
        }
    ProvEvent *ev = arena_alloc(&L->reg->arena, sizeof *ev);
    ev->span = span_of(L, n);
    ev->name = dup_str(L, name);
    ev->docs = dup_str(L, get(&ps, "docs"));
    if (!event_opcode(L, pk, name, ev))
        return;
    ev->items = load_items(L, &ps);
    if (sm)
        load_modes(L, sm, ev);
    vec_push(pk->events, ev);
    pk->pub.events = (const ProvEvent *const *)pk->events.v;
    pk->pub.nevents = pk->events.n;
}

static void load_events(Loader *L, PackageNode *pk, yaml_node_t *seq)
{
    NodeList nodes = {0};
    flatten(L, seq, &nodes, 0);
    for (uint32_t i = 0; i < nodes.n && !too_many(L); i++)
        load_event(L, pk, nodes.v[i]);
    vec_free(nodes);
}

/* ---- packages and providers --------------------------------------------- */

/* An entry naming an existing package/provider extends it; it may then
 * only add children, so any of these keys makes it a redefinition. */
static bool redefines(Pairs *ps)
{
    return get(ps, "docs") || get(ps, "bound_vars") || get(ps, "bound_fns") ||
           get(ps, "opcode_events");
}

static bool needs_docs(Loader *L, Pairs *ps, const char *what)
{
    if (get(ps, "docs"))
        return true;
    /* an earlier file failed (e.g. a cut wasm.yaml): this is most likely
     * an extension of what it would have defined -- that file is blamed
     * already, blaming this one too would point at the wrong file */
    if (L->reg->failed_files)
        return false;
    diag_emit(L->sink, DIAG_YAML_MISSING_KEY, span_of(L, ps->map),
              "missing key 'docs' in a %s (a new %s needs docs; an entry "
              "without docs extends an existing %s of that name)", what,
              what, what);
    return false;
}

static void load_package(Loader *L, ProviderNode *pv, yaml_node_t *n)
{
    Pairs ps;
    if (!collect(L, n, SN_PACKAGE, &ps))
        return;
    yaml_node_t *name = get(&ps, "name"), *evs = get(&ps, "events");
    if (!check_name(L, name, "package"))
        return;
    PackageNode *pk = NULL;
    for (uint32_t i = 0; i < pv->packages.n && !pk; i++)
        if (prov_name_eq(pv->packages.v[i]->pub.name, sval(name)))
            pk = pv->packages.v[i];
    if (pk && redefines(&ps)) {
        dup_note(L, span_of(L, n), pk->pub.span, "package", sval(name));
        return;
    }
    if (!pk) {
        if (!needs_docs(L, &ps, "package"))
            return;
        pk = arena_alloc(&L->reg->arena, sizeof *pk);
        pk->pub.span = span_of(L, n);
        pk->pub.name = dup_str(L, name);
        pk->pub.docs = dup_str(L, get(&ps, "docs"));
        yaml_node_t *oe = get(&ps, "opcode_events");
        pk->pub.opcode_events = oe && parse_bool(oe) == 1;
        pk->pub.items = load_items(L, &ps);
        vec_push(pv->packages, pk);
        pv->pub.packages = (const ProvPackage *const *)pv->packages.v;
        pv->pub.npackages = pv->packages.n;
    }
    if (evs)
        load_events(L, pk, evs);
}

static ProviderNode *find_provider(ProvRegistry *r, const char *name)
{
    for (uint32_t i = 0; i < r->providers.n; i++)
        if (prov_name_eq(r->providers.v[i]->pub.name, name))
            return r->providers.v[i];
    return NULL;
}

static void load_provider(Loader *L, yaml_node_t *n)
{
    Pairs ps;
    if (!collect(L, n, SN_PROVIDER, &ps))
        return;
    yaml_node_t *name = get(&ps, "name"), *pks = get(&ps, "packages");
    if (!check_name(L, name, "provider"))
        return;
    ProviderNode *pv = find_provider(L->reg, sval(name));
    if (pv && redefines(&ps)) {
        dup_note(L, span_of(L, n), pv->pub.span, "provider", sval(name));
        return;
    }
    if (!pv) {
        if (!needs_docs(L, &ps, "provider"))
            return;
        pv = arena_alloc(&L->reg->arena, sizeof *pv);
        pv->pub.span = span_of(L, n);
        pv->pub.name = dup_str(L, name);
        pv->pub.docs = dup_str(L, get(&ps, "docs"));
        pv->pub.items = load_items(L, &ps);
        pv->pub.index = L->reg->providers.n;
        vec_push(L->reg->providers, pv);
    }
    if (!pks)
        return;
    NodeList nodes = {0};
    flatten(L, pks, &nodes, 0);
    for (uint32_t i = 0; i < nodes.n && !too_many(L); i++)
        load_package(L, pv, nodes.v[i]);
    vec_free(nodes);
}

static void load_core(Loader *L, yaml_node_t *n)
{
    Pairs ps;
    if (!collect(L, n, SN_CORE, &ps))
        return;
    if (L->reg->core_span.file) {
        dup_note(L, span_of(L, n), L->reg->core_span, "section", "whamm");
        return;
    }
    L->reg->core_span = span_of(L, n);
    L->reg->core_docs = dup_str(L, get(&ps, "docs"));
    L->reg->core = load_items(L, &ps);
}

static void load_document(Loader *L)
{
    yaml_node_t *root = yaml_document_get_root_node(&L->doc);
    Pairs ps;
    if (!root || is_null(root) || !collect(L, root, SN_FILE, &ps))
        return;
    yaml_node_t *core = get(&ps, "whamm"), *provs = get(&ps, "providers");
    L->defines |= core || provs;
    if (core)
        load_core(L, core);
    if (!provs)
        return;
    NodeList nodes = {0};
    flatten(L, provs, &nodes, 0);
    for (uint32_t i = 0; i < nodes.n && !too_many(L); i++)
        load_provider(L, nodes.v[i]);
    vec_free(nodes);
}

static void syntax_error(Loader *L, const yaml_parser_t *p)
{
    Span s = {L->path, (uint32_t)p->problem_mark.line + 1,
              (uint32_t)p->problem_mark.column + 1, 0};
    Diag *d = diag_emit(L->sink, DIAG_YAML_SYNTAX, s, "%s",
                        p->problem ? p->problem : "invalid YAML");
    if (p->context)
        diag_note(L->sink, d,
                  (Span){L->path, (uint32_t)p->context_mark.line + 1,
                         (uint32_t)p->context_mark.column + 1, 0},
                  "%s", p->context);
}

bool prov_load_text(ProvRegistry *r, const char *path, const char *text,
                    size_t len, DiagSink *sink)
{
    uint32_t errors = sink->nerrors;
    Loader L;
    memset(&L, 0, sizeof L);
    L.reg = r;
    L.sink = sink;
    L.path = diag_add_source(sink, path, text, len);
    L.errors0 = sink->nerrors;
    L.budget = NODE_BUDGET;         /* for the whole file, all documents */
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    for (;;) {
        if (!yaml_parser_load(&parser, &L.doc)) {
            syntax_error(&L, &parser);
            break;
        }
        bool empty = !yaml_document_get_root_node(&L.doc);
        if (!empty)
            load_document(&L);
        yaml_document_delete(&L.doc);
        if (empty)
            break;
    }
    yaml_parser_delete(&parser);
    /* an empty or cut-short file must not load as "nothing to add": that
     * is how a truncated opcode.yaml instruments nothing without a word */
    if (sink->nerrors == errors && !L.defines)
        diag_emit(sink, DIAG_YAML_EMPTY, (Span){L.path, 0, 0, 0},
                  "this provider file defines nothing; expected a "
                  "'providers' list or a 'whamm' section (is it empty or "
                  "cut short?)");
    if (sink->nerrors != errors)
        r->failed_files++;
    return sink->nerrors == errors;
}

/* ---- completeness of opcode packages ---------------------------------- */

/* The rule name of an opcode's event (see event_op). */
static void event_name_of(Buf *b, int op)
{
    for (const char *t = wasm_ops[op].name; *t; t++)
        buf_push(b, (uint8_t)(*t == ' ' ? '_' : *t));
}

static bool package_has_op(const PackageNode *pk, int op)
{
    for (uint32_t i = 0; i < pk->events.n; i++)
        if (pk->events.v[i]->opcode == op)
            return true;
    return false;
}

enum { MISSING_NAMED = 5 };   /* events named in the message, then "N more" */

/* Every OPF_EVENT row of the opcode table must be an event of the
 * package (unknown events were refused when loaded: E0108). */
static bool check_opcode_package(const PackageNode *pk,
                                 const ProviderNode *pv, DiagSink *sink)
{
    Buf names;
    buf_init(&names);
    uint32_t missing = 0;
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        if (!(wasm_ops[op].flags & OPF_EVENT) || package_has_op(pk, op))
            continue;
        if (missing < MISSING_NAMED) {
            buf_printf(&names, "%s", missing ? ", " : "");
            event_name_of(&names, op);
        }
        missing++;
    }
    if (missing > MISSING_NAMED)
        buf_printf(&names, " and %u more", missing - MISSING_NAMED);
    if (missing)
        diag_emit(sink, DIAG_YAML_MISSING_EVENTS, pk->pub.span,
                  "opcode package '%s:%s' has no event for %u instrumentable "
                  "opcode%s of the opcode table: %.*s (is the file cut "
                  "short?)", pv->pub.name, pk->pub.name, missing,
                  missing == 1 ? "" : "s", (int)names.len,
                  (const char *)names.data);
    buf_fini(&names);
    return missing == 0;
}

bool prov_check_opcode_packages(const ProvRegistry *r, DiagSink *sink)
{
    bool ok = true;
    for (uint32_t i = 0; i < r->providers.n; i++) {
        const ProviderNode *pv = r->providers.v[i];
        for (uint32_t j = 0; j < pv->packages.n; j++)
            if (pv->packages.v[j]->pub.opcode_events)
                ok &= check_opcode_package(pv->packages.v[j], pv, sink);
    }
    return ok;
}

/* ---- the engine's own events ------------------------------------------- */

static const struct {
    const char *package, *event;
} engine_events[] = {
#define ENGINE_EVENT(pkg, ev) {pkg, ev},
#include "engine.def"
#undef ENGINE_EVENT
};

static const PackageNode *find_package(const ProviderNode *pv,
                                       const char *name)
{
    for (uint32_t i = 0; i < pv->packages.n; i++)
        if (prov_name_eq(pv->packages.v[i]->pub.name, name))
            return pv->packages.v[i];
    return NULL;
}

static bool package_has_event(const PackageNode *pk, const char *name)
{
    for (uint32_t i = 0; i < pk->events.n; i++)
        if (prov_name_eq(pk->events.v[i]->name, name))
            return true;
    return false;
}

bool prov_check_engine_events(const ProvRegistry *r, DiagSink *sink)
{
    const ProviderNode *pv = NULL;
    for (uint32_t i = 0; i < r->providers.n && !pv; i++)
        if (prov_name_eq(r->providers.v[i]->pub.name, "wasm"))
            pv = r->providers.v[i];
    if (!pv)
        return true; /* definitions of other providers only */
    Buf names;
    buf_init(&names);
    uint32_t missing = 0;
    for (size_t i = 0; i < ARRAY_LEN(engine_events); i++) {
        const PackageNode *pk = find_package(pv, engine_events[i].package);
        const char *ev = engine_events[i].event;
        if (pk && (!ev[0] || package_has_event(pk, ev)))
            continue;
        buf_printf(&names, "%s'%s%s%s'", missing ? ", " : "",
                   engine_events[i].package, ev[0] ? ":" : "", ev);
        missing++;
    }
    if (missing)
        diag_emit(sink, DIAG_YAML_MISSING_ENGINE, pv->pub.span,
                  "provider 'wasm' has no %s %.*s, which whamm instruments "
                  "(is the file cut short?)", missing == 1 ? "definition of"
                  : "definitions of", (int)names.len,
                  (const char *)names.data);
    buf_fini(&names);
    return missing == 0;
}
