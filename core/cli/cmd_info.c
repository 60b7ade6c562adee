/* cmd_info.c -- `whamm info --rule RULE [-v] [-f] [--json] [--defs-path DIR]`:
 * loads the provider definitions, expands the rule and prints what it
 * matched with docs, and with -v/-f the bound variables and functions in
 * scope (docs/providers.md "`whamm info`"); a rule that matches nothing is
 * an error here (exit 1), as is any problem in the definitions.
 * `whamm info EVENT` is the rule `*:*:EVENT:*` (or `*:EVENT`); `whamm info
 * -l [PATTERN]` lists the rules PATTERN (default: every 4-, 3- and 2-part
 * rule) matches, one per line, sorted. */
#include "cli.h"

#include "provider/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *rule, *defs_path;
    const char *event;        /* a bare event name given instead of a rule */
    bool list;                /* -l: one line per matching rule */
    ProvInfoOptions o;
} InfoArgs;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: whamm info --rule RULE [-v|--vars] [-f|--functions] "
            "[--json] [--defs-path DIR]\n"
            "       whamm info EVENT [-v] [-f] [--json]\n"
            "       whamm info -l [PATTERN]\n"
            "  Shows the providers, packages, events and modes RULE matches.\n"
            "  -r, --rule RULE     provider:package:event:mode (globs, | "
            "alternatives)\n"
            "  EVENT               an event's name alone: the rule "
            "*:*:EVENT:*\n"
            "  -l, --list [PAT]    only the names of the rules PAT matches "
            "(default\n"
            "                      all), one per line, sorted\n"
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
        } else if (takes_value(s, "-l", "--list")) {
            a->list = true;
            if (i + 1 < argc && argv[i + 1][0] != '-')
                a->rule = argv[++i];
        } else if (s[0] != '-' && !a->rule && !a->event && !strchr(s, ':')) {
            a->event = s;
        } else if (s[0] != '-' && !a->rule && !a->event) {
            a->rule = s;
        } else {
            fprintf(stderr, "whamm info: unknown or incomplete option '%s'\n",
                    s);
            usage(stderr);
            return 2;
        }
    }
    if (!a->rule && !a->event && !a->list) {
        usage(stderr);
        return 2;
    }
    return -1;
}

/* Matches rule into ml; with quiet, a rule matching nothing says nothing. */
static bool match(ProvRegistry *r, const char *rule, bool quiet,
                  DiagSink *sink, ProvMatchList *ml)
{
    DiagSink none;
    diag_init(&none);
    DiagSink *to = quiet ? &none : sink;
    const char *src = diag_add_source(to, "<rule>", rule, strlen(rule));
    Span span = {src, 1, 1, (uint32_t)strlen(rule)};
    bool ok = prov_match_rule(r, rule, strlen(rule), span, PROV_NOMATCH_ERROR,
                              NULL, ml, NULL, to);
    diag_fini(&none);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* -l: the names of the rules as scripts write them, sorted, each once. */
static void list_names(const ProvMatchList *ml)
{
    char **names = xcalloc(ml->n ? ml->n : 1, sizeof *names);
    for (uint32_t i = 0; i < ml->n; i++) {
        Buf b;
        buf_init(&b);
        prov_match_rule_name(&b, &ml->v[i]);
        buf_push(&b, 0);
        names[i] = (char *)b.data;
    }
    qsort(names, ml->n, sizeof *names, by_name);
    for (uint32_t i = 0; i < ml->n; i++)
        if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
            printf("%s\n", names[i]);
    for (uint32_t i = 0; i < ml->n; i++)
        free(names[i]);
    free(names);
}

/* The matches of the arguments: the rule, the event's rule, or for -l
 * without a pattern every 4-, 3- and 2-part rule. */
static bool match_args(const InfoArgs *a, ProvRegistry *r, DiagSink *sink,
                       ProvMatchList *ml, char *buf, size_t size)
{
    if (a->list && !a->rule && !a->event) {
        bool four = match(r, "*:*:*:*", true, sink, ml);
        bool three = match(r, "*:*:*", true, sink, ml); /* modeless events */
        bool two = match(r, "*:*", true, sink, ml);
        return four || three || two;
    }
    if (a->event) {
        snprintf(buf, size, "*:*:%s:*", a->event);
        if (match(r, buf, true, sink, ml))
            return true;
        snprintf(buf, size, "*:%s", a->event);
        if (match(r, buf, true, sink, ml))
            return true;
        fprintf(stderr, "whamm info: no event or package is named '%s' "
                "(`whamm info -l` lists every rule)\n", a->event);
        return false;
    }
    snprintf(buf, size, "%s", a->rule);
    return match(r, a->rule, false, sink, ml);
}

static int run(const InfoArgs *a, ProvRegistry *r, DiagSink *sink)
{
    if (!cli_load_providers(r, a->defs_path, sink))
        return 1;
    ProvMatchList ml = {0};
    char rule[512];
    bool ok = match_args(a, r, sink, &ml, rule, sizeof rule);
    if (ok && a->list) {
        list_names(&ml);
    } else if (ok) {
        ProvInfoOptions o = a->o;
        o.color = !o.json && diag_use_color(stdout);
        prov_info_write(stdout, r, rule, &ml, &o);
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
