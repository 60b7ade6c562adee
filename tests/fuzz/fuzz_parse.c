/* fuzz_parse.c -- libFuzzer target for the script front end (core/lang):
 * any input must be parsed or rejected with a diagnostic, never crash,
 * leak or read out of bounds.  An accepted script is type-checked with the
 * built-in provider, printed, re-parsed (the printer's output must parse
 * and print the same), and its predicates and bodies are
 * folded at a made-up site. */
#include "lang/lang.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool site(void *ctx, const char *name, FoldValue *out)
{
    (void)ctx;
    memset(out, 0, sizeof *out);
    if (strcmp(name, "pc") == 0 || strcmp(name, "fid") == 0 ||
        strcmp(name, "imm0") == 0) {
        out->ty = ty_prim(TY_U32);
        out->bits = name[0] == 'p' ? 25 : 0;
        return true;
    }
    if (strcmp(name, "opname") == 0 || strcmp(name, "fname") == 0) {
        out->ty = ty_prim(TY_STR);
        out->str = "br_if";
        out->slen = 5;
        return true;
    }
    return false;
}

static void print(const Script *s, Buf *b, bool types)
{
    buf_init(b);
    parse_print_script(b, s, types);
    buf_push(b, 0);
}

static char site_types(void *ctx, const char *name)
{
    (void)ctx;
    return name[0] == 'a' ? 'i' : name[0] == 'r' ? '?' : 0;
}

/* Every expansion of every probe: re-typed, filtered, folded. */
static void fold_all(Script *s, Arena *a)
{
    FoldConsts consts = fold_find_consts(s, a);
    Folder f = {a, NULL, site, &consts, NULL, NULL};
    for (uint32_t i = 0; i < s->nitems; i++) {
        Probe *p = s->items[i].kind == ITEM_PROBE ? s->items[i].probe : NULL;
        if (!p)
            continue;
        tc_bounds_match_site(p, site_types, NULL);
        for (uint32_t m = 0; m < p->nmatches && m < 8; m++) {
            if (!tc_annotate_expansion(s, p, m, a))
                continue;
            Expr *res;
            fold_predicate(&f, p->pred, &res);
            Block body = fold_block(&f, p->body);
            Buf b; /* folded trees print too */
            buf_init(&b);
            if (res)
                parse_print_expr(&b, res, true);
            parse_print_block(&b, &body, 0, true);
            buf_fini(&b);
        }
    }
}

/* The printed script must parse back and print the same. */
static void reparse(const char *text, Arena *a)
{
    DiagSink sink;
    diag_init(&sink);
    Script *s = parse_script(a, &sink, "p.mm", text, strlen(text));
    if (!s)
        __builtin_trap();
    Buf b;
    print(s, &b, false);
    if (strcmp((const char *)b.data, text) != 0)
        __builtin_trap();
    buf_fini(&b);
    diag_fini(&sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena a;
    arena_init(&a);
    DiagSink sink;
    diag_init(&sink);
    const char *file = diag_add_source(&sink, "f.mm", (const char *)data,
                                       size);
    const char *src = sink.sources.v[0].text;
    Script *s = parse_script(&a, &sink, file, src, size);
    if (s) {
        Buf b;
        print(s, &b, false);
        reparse((const char *)b.data, &a);
        bool ok = tc_check_script(s, tc_builtin_provider(), &a, &sink);
        Buf t;
        print(s, &t, true);
        buf_fini(&t);
        if (ok)
            fold_all(s, &a);
        buf_fini(&b);
    }
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull) {
        diag_render(&sink, devnull, false);
        fclose(devnull);
    }
    diag_fini(&sink);
    arena_fini(&a);
    return 0;
}
