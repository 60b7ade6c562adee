/* cmd_info.c -- `whamm info --rule RULE [-v] [-f] [--json] [--defs-path DIR]`:
 * loads the provider definitions, expands the rule and prints what it
 * matched with docs, and with -v/-f the bound variables and functions in
 * scope (docs/providers.md "`whamm info`"); a rule that matches nothing is
 * an error here (exit 1), as is any problem in the definitions. */
#include "cli.h"

#include "provider/registry.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *rule, *defs_path;
    ProvInfoOptions o;
} InfoArgs;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: whamm info --rule RULE [-v|--vars] [-f|--functions] "
            "[--json] [--defs-path DIR]\n"
            "  Shows the providers, packages, events and modes RULE matches.\n"
            "  -r, --rule RULE     provider:package:event:mode (globs, | "
            "alternatives)\n"
            "  -v, --vars          also list the bound variables in scope\n"
            "  -f, --functions     also list the bound functions in scope\n"
            "  --json              one JSON object instead of text\n"
            "  -d, --defs-path DIR read the provider definitions from DIR\n");
}

static bool takes_value(const char *a, const char *s, const char *l)
{
    return !strcmp(a, s) || !strcmp(a, l);
}

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, InfoArgs *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--help") || !strcmp(s, "-h")) {
            usage(stdout);
            return 0;
        } else if (takes_value(s, "-r", "--rule") && i + 1 < argc) {
            a->rule = argv[++i];
        } else if (takes_value(s, "-d", "--defs-path") && i + 1 < argc) {
            a->defs_path = argv[++i];
        } else if (takes_value(s, "-v", "--vars")) {
            a->o.vars = true;
        } else if (takes_value(s, "-f", "--functions")) {
            a->o.fns = true;
        } else if (!strcmp(s, "--json")) {
            a->o.json = true;
        } else {
            fprintf(stderr, "whamm info: unknown or incomplete option '%s'\n",
                    s);
            usage(stderr);
            return 2;
        }
    }
    if (!a->rule) {
        usage(stderr);
        return 2;
    }
    return -1;
}

static int run(const InfoArgs *a, ProvRegistry *r, DiagSink *sink)
{
    if (!cli_load_providers(r, a->defs_path, sink))
        return 1;
    const char *src = diag_add_source(sink, "<rule>", a->rule,
                                      strlen(a->rule));
    Span span = {src, 1, 1, (uint32_t)strlen(a->rule)};
    ProvMatchList ml = {0};
    bool ok = prov_match_rule(r, a->rule, strlen(a->rule), span,
                              PROV_NOMATCH_ERROR, NULL, &ml, NULL, sink);
    if (ok) {
        ProvInfoOptions o = a->o;
        o.color = !o.json && diag_use_color(stdout);
        prov_info_write(stdout, r, a->rule, &ml, &o);
    }
    vec_free(ml);
    return ok ? 0 : 1;
}

int cmd_info(int argc, char **argv)
{
    InfoArgs a;
    int rc = parse_args(argc, argv, &a);
    if (rc >= 0)
        return rc;
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *r = prov_registry_new();
    rc = run(&a, r, &sink);
    diag_render(&sink, stderr, diag_use_color(stderr));
    prov_registry_free(r);
    diag_fini(&sink);
    return rc;
}
