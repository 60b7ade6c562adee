/* cmd_check.c -- `whamm check SCRIPT... [--defs-path DIR] [-d P|T|F]`:
 * parses and type-checks scripts without an app (docs/language.md
 * "Checking a script" and "Diagnostics").  Exit 0 when no script has an error
 * (warnings are printed; --werror makes them errors), 1 otherwise, 2 on a
 * usage error.
 * -d P / T / F print each script after parsing / type checking / folding
 * (constant folding and propagation of constant globals only: there is
 * no match site here), as source that
 * `whamm check` reads back. */
#include "cli.h"
#include "lang/lang.h"
#include "provider/registry.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: whamm check SCRIPT... [--defs-path DIR] [--user-libs SPEC]\n"
            "                   [--werror] [-d P|T|F]\n"
            "\n"
            "Parse and type-check whamm scripts without an app.\n"
            "\n"
            "  --defs-path DIR  provider definitions to use (default: "
            "WHAMM_HOME,\n"
            "                   then the installed ones, then the source "
            "tree)\n"
            "  --user-libs SPEC libraries the scripts `use`: NAME=lib.wasm or\n"
            "                   NAME(import_module)=lib.wasm, comma-separated\n"
            "                   or repeated; calls are checked against their\n"
            "                   exported functions\n"
            "  --werror         warnings are errors (exit 1)\n"
            "  -d P|T|F         dump each script after parse (P), type check\n"
            "                   (T, types in comments) or constant folding (F)\n"
            "  -h, --help       this text\n"
            "\n"
            "Exit status: 0 no errors (warnings may be printed), 1 errors,\n"
            "2 usage.\n");
}

typedef struct {
    const char *scripts[64];
    int nscripts;
    char dump;             /* 0, 'P', 'T' or 'F' */
    const char *defs_path; /* --defs-path, or NULL */
    const char *user_libs[16];
    int nuser_libs;
    bool werror;           /* --werror: warnings are errors */
} CheckArgs;

static int parse_args(int argc, char **argv, CheckArgs *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "--werror") == 0) {
            o->werror = true;
        } else if (strcmp(a, "--defs-path") == 0 && i + 1 < argc) {
            o->defs_path = argv[++i];
        } else if (strcmp(a, "--user-libs") == 0 && i + 1 < argc &&
                   o->nuser_libs < 16) {
            o->user_libs[o->nuser_libs++] = argv[++i];
        } else if (strcmp(a, "-d") == 0 && i + 1 < argc &&
                   strlen(argv[i + 1]) == 1 && strchr("PTF", argv[i + 1][0])) {
            o->dump = argv[++i][0];
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "whamm check: unknown or incomplete option '%s'\n",
                    a);
            return 2;
        } else if (o->nscripts < 64) {
            o->scripts[o->nscripts++] = a;
        } else {
            fprintf(stderr, "whamm check: too many scripts\n");
            return 2;
        }
    }
    if (o->nscripts == 0) {
        usage(stderr);
        return 2;
    }
    return -1;
}

static void dump(const Script *s, bool types)
{
    Buf b;
    buf_init(&b);
    parse_print_script(&b, s, types);
    fwrite(b.data, 1, b.len, stdout);
    buf_fini(&b);
}

/* Constant folding of every predicate and body (no site values). */
static void dump_folded(Script *s, Arena *a)
{
    FoldConsts consts = fold_find_consts(s, a);
    Folder f = {a, NULL, NULL, &consts, NULL, NULL};
    for (uint32_t i = 0; i < s->nitems; i++) {
        Probe *p = s->items[i].kind == ITEM_PROBE ? s->items[i].probe : NULL;
        if (!p)
            continue;
        Expr *res;
        FoldPred fp = fold_predicate(&f, p->pred, &res);
        p->pred = fp == FOLD_RESIDUAL ? res : NULL;
        if (fp == FOLD_FALSE)
            p->body.n = 0; /* never injected */
        p->body = fold_block(&f, p->body);
    }
    dump(s, false);
}

typedef struct {
    const TcProvider *prov;
    const TcLib *libs;
    uint32_t nlibs;
} CheckEnv;

static bool check_one(const char *path, DiagSink *sink, Arena *a, char mode,
                      const CheckEnv *env)
{
    Script *s = cli_parse_script_file(path, sink, a);
    if (!s)
        return false;
    if (mode == 'P')
        dump(s, false);
    bool ok = tc_check_script_libs(s, env->prov, env->libs, env->nlibs, a,
                                   sink);
    if (mode == 'T')
        dump(s, true);
    if (mode == 'F' && ok)
        dump_folded(s, a);
    return ok;
}

int cmd_check(int argc, char **argv)
{
    CheckArgs o;
    memset(&o, 0, sizeof o);
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *reg = prov_registry_new();
    Arena libs_arena;
    arena_init(&libs_arena);
    UserLibList libs = {0};
    TcLib *tclibs = NULL;
    bool loaded = cli_load_providers(reg, o.defs_path, &sink);
    for (int i = 0; i < o.nuser_libs; i++)
        loaded &= cli_parse_user_libs(o.user_libs[i], &libs_arena, &libs,
                                      &sink);
    /* the well-formed specs are loaded even if another one was not, so
     * one run reports every problem */
    loaded = cli_load_user_libs(&libs, &libs_arena, &tclibs, false,
                                &sink) && loaded;
    TcRegistryProvider prov;
    tc_registry_provider_init(&prov, reg);
    CheckEnv env = {&prov.base, tclibs, libs.n};
    bool ok = loaded;
    for (int i = 0; loaded && i < o.nscripts; i++) {
        Arena a;
        arena_init(&a);
        ok &= check_one(o.scripts[i], &sink, &a, o.dump, &env);
        arena_fini(&a);
    }
    vec_free(libs);
    arena_fini(&libs_arena);
    prov_registry_free(reg);
    if (o.werror && cli_apply_werror(&sink))
        ok = false;
    fflush(stdout);
    diag_render(&sink, stderr, diag_use_color(stderr));
    diag_fini(&sink);
    return ok ? 0 : 1;
}
