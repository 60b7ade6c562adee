/* ld_args.c -- whamm-ld's command line: expands @response files, takes
 * out whamm-ld's own options (wasm-ld rejects unknown
 * options, so all of them must go) and reads the WHAMM_* environment.
 *
 *   --whamm-script=F | --whamm-script F   repeatable, in order
 *   --whamm-defs-path=D | --whamm-defs-path D
 *   --whamm-arena-size=N                  bytes (K/M suffixes allowed)
 *   --whamm-report-format=csv|json        the report's format
 *   --whamm-werror                        warnings fail the link
 *   --whamm-exact-traps                   `whamm instr --exact-traps`
 *   --whamm-lib=NAME=PATH | --whamm-lib NAME=PATH  a user library,
 *                                         repeatable
 *   --whamm-monitor=M | --whamm-monitor M  a wei monitor module, attached
 *                                         after the link; repeatable
 *   --whamm-verbose  --whamm-disable  --whamm-dry-run  -###
 * Environment: WHAMM_SCRIPTS (colon-separated, after the command-line
 * scripts), WHAMM_LIBS (NAME=PATH, colon-separated, after the command-line
 * libraries), WHAMM_MONITORS (colon-separated, after the command-line
 * monitors), WHAMM_DEFS_PATH, WHAMM_ARENA_SIZE, WHAMM_REPORT_FORMAT,
 * WHAMM_WERROR, WHAMM_EXACT_TRAPS, WHAMM_VERBOSE,
 * WHAMM_DISABLE (WHAMM_REAL_LD and WHAMM_INSTR_TOOL: see whamm-ld.c).
 */
#include "ld.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses "65536", "64K", "2M".  False on junk or out of range. */
static bool parse_size(const char *s, size_t *out)
{
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno)
        return false;
    if (*end == 'K' || *end == 'k')
        v *= 1024, end++;
    else if (*end == 'M' || *end == 'm')
        v *= 1024 * 1024, end++;
    if (*end || v == 0 || v > LD_ARENA_MAX)
        return false;
    *out = (size_t)v;
    return true;
}

/* `--name=value` or `--name value`: returns the value or NULL. */
static const char *opt_value(const StrVec *in, uint32_t *i, const char *name)
{
    const char *arg = in->v[*i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] == '\0' && *i + 1 < in->n)
        return in->v[++*i];
    return NULL;
}

static void usage(void)
{
    printf("usage: whamm-ld [wasm-ld options] [whamm-ld options]\n\n"
           "  --whamm-script=F       instrument with script F (repeatable)\n"
           "  --whamm-defs-path=D    provider definitions for `whamm instr`\n"
           "  --whamm-arena-size=N   initial arena bytes (K/M suffix)\n"
           "  --whamm-report-format=csv|json  the report's format\n"
           "  --whamm-werror         warnings of `whamm instr` fail the link\n"
           "  --whamm-exact-traps    counters exact even after an engine trap\n"
           "  --whamm-lib=NAME=PATH  a user library the scripts `use`\n"
           "  --whamm-monitor=M      attach wei monitor M after the link\n"
           "                         (repeatable; `whamm attach`)\n"
           "  --whamm-verbose        print every command\n"
           "  --whamm-disable        plain link\n"
           "  -###, --whamm-dry-run  print the commands, run nothing\n"
           "  --whamm-help           this text\n\n"
           "environment: WHAMM_SCRIPTS (a.mm:b.mm), WHAMM_LIBS (n=l.wasm:...),\n"
           "  WHAMM_MONITORS (m.wasm:n.wasm), WHAMM_DEFS_PATH, "
           "WHAMM_ARENA_SIZE,\n  WHAMM_REPORT_FORMAT, WHAMM_WERROR, "
           "WHAMM_EXACT_TRAPS, WHAMM_VERBOSE, "
           "WHAMM_DISABLE, "
           "WHAMM_REAL_LD, WHAMM_INSTR_TOOL (testing)\n"
           "see docs/integration.md\n");
}

/* csv or json; false (with a message) otherwise. */
static bool report_format(const char *v, const char *from, LdOptions *o)
{
    if (strcmp(v, "csv") != 0 && strcmp(v, "json") != 0) {
        fprintf(stderr, "whamm-ld: error: %s is 'csv' or 'json', not '%s'\n",
                from, v);
        return false;
    }
    o->report_format = v;
    return true;
}

/* NAME=PATH (whamm instr --user-libs checks the rest). */
static bool lib_spec(const char *v, const char *from, StrVec *out)
{
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1]) {
        fprintf(stderr, "whamm-ld: error: %s takes NAME=PATH (a library the "
                "scripts `use` and its .wasm), not '%s'\n", from, v);
        return false;
    }
    drv_push(out, v);
    return true;
}

/* One --whamm-* option (or -###).  False on an unknown/malformed one. */
static bool take_own(const StrVec *in, uint32_t *i, LdOptions *o)
{
    const char *arg = in->v[*i], *v;
    if (strcmp(arg, "-###") == 0 || strcmp(arg, "--whamm-dry-run") == 0)
        o->dry_run = true;
    else if (strcmp(arg, "--whamm-verbose") == 0)
        o->verbose = true;
    else if (strcmp(arg, "--whamm-disable") == 0)
        o->disable = true;
    else if (strcmp(arg, "--whamm-werror") == 0)
        o->werror = true;
    else if (strcmp(arg, "--whamm-exact-traps") == 0)
        o->exact_traps = true;
    else if (strcmp(arg, "--whamm-help") == 0)
        usage(), o->help = true;
    else if ((v = opt_value(in, i, "--whamm-script")))
        drv_push(&o->scripts, v), o->cli_scripts++;
    else if ((v = opt_value(in, i, "--whamm-lib")))
        return lib_spec(v, "--whamm-lib", &o->libs);
    else if ((v = opt_value(in, i, "--whamm-monitor")))
        drv_push(&o->monitors, v), o->cli_monitors++;
    else if ((v = opt_value(in, i, "--whamm-defs-path")))
        o->defs_path = v;
    else if ((v = opt_value(in, i, "--whamm-report-format")))
        return report_format(v, "--whamm-report-format", o);
    else if ((v = opt_value(in, i, "--whamm-arena-size"))) {
        if (!parse_size(v, &o->arena_size)) {
            fprintf(stderr, "whamm-ld: error: bad arena size '%s'\n", v);
            return false;
        }
    } else {
        fprintf(stderr, "whamm-ld: error: unknown option '%s'\n", arg);
        return false;
    }
    return true;
}

/* Records what whamm-ld must know about a wasm-ld argument. */
static void note_ld_arg(const StrVec *in, uint32_t i, LdOptions *o)
{
    const char *arg = in->v[i];
    if (strcmp(arg, "-o") == 0 && i + 1 < in->n)
        o->output = in->v[i + 1];
    else if (arg[0] == '-' && arg[1] == 'o' && arg[2])
        o->output = arg + 2;
    else if (!strcmp(arg, "-r") || !strcmp(arg, "--relocatable") ||
             !strcmp(arg, "-relocatable"))
        o->relocatable = true;
    else if (!strcmp(arg, "--shared") || !strcmp(arg, "-shared"))
        o->shared = true;
    else if (!strcmp(arg, "--version") || !strcmp(arg, "--help") ||
             !strcmp(arg, "-help"))
        o->query = true;
}

static void split_env_list(Arena *a, const char *list, StrVec *out)
{
    while (*list) {
        size_t n = strcspn(list, ":");
        if (n)
            drv_push(out, arena_strndup(a, list, n));
        list += n;
        if (*list == ':')
            list++;
    }
}

static bool read_env(Arena *a, LdOptions *o, StrVec *env_scripts,
                     StrVec *env_libs, StrVec *env_monitors)
{
    const char *v;
    if (drv_env_flag("WHAMM_VERBOSE"))
        o->verbose = true;
    if (drv_env_flag("WHAMM_DISABLE"))
        o->disable = true;
    if (drv_env_flag("WHAMM_WERROR"))
        o->werror = true;
    if (drv_env_flag("WHAMM_EXACT_TRAPS"))
        o->exact_traps = true;
    if ((v = drv_env("WHAMM_SCRIPTS")))
        split_env_list(a, v, env_scripts);
    if ((v = drv_env("WHAMM_MONITORS")))
        split_env_list(a, v, env_monitors);
    if ((v = drv_env("WHAMM_LIBS"))) {
        split_env_list(a, v, env_libs);
        for (uint32_t i = 0; i < env_libs->n; i++)
            if (!strchr(env_libs->v[i], '=')) {
                fprintf(stderr, "whamm-ld: error: WHAMM_LIBS takes "
                        "NAME=PATH entries separated by ':', not '%s'\n",
                        env_libs->v[i]);
                return false;
            }
    }
    if (!o->defs_path && (v = drv_env("WHAMM_DEFS_PATH")))
        o->defs_path = v;
    if ((v = drv_env("WHAMM_REPORT_FORMAT")) &&
        !report_format(v, "WHAMM_REPORT_FORMAT", o))
        return false;
    if ((v = drv_env("WHAMM_ARENA_SIZE")) && !parse_size(v, &o->arena_size)) {
        fprintf(stderr, "whamm-ld: error: bad WHAMM_ARENA_SIZE '%s'\n", v);
        return false;
    }
    return true;
}

bool ld_parse(Arena *a, int argc, char **argv, LdOptions *o)
{
    memset(o, 0, sizeof *o);
    o->output = "a.out";
    o->arena_size = LD_ARENA_DEFAULT;
    StrVec in = {0}, env_scripts = {0}, env_libs = {0}, env_monitors = {0};
    drv_expand_rsp(a, argc, argv, &in, &o->rsp);
    bool ok = read_env(a, o, &env_scripts, &env_libs, &env_monitors);
    for (uint32_t i = 0; ok && i < in.n; i++) {
        if (drv_starts_with(in.v[i], "--whamm-") ||
            strcmp(in.v[i], "-###") == 0) {
            ok = take_own(&in, &i, o);
            continue;
        }
        note_ld_arg(&in, i, o);
        drv_push(&o->args, in.v[i]);
    }
    /* command-line scripts first, then WHAMM_SCRIPTS */
    drv_push_all(&o->scripts, &env_scripts);
    drv_push_all(&o->libs, &env_libs);
    drv_push_all(&o->monitors, &env_monitors);
    vec_free(env_monitors);
    vec_free(env_scripts);
    vec_free(env_libs);
    vec_free(in);
    return ok;
}

void ld_options_fini(LdOptions *o)
{
    vec_free(o->args);
    vec_free(o->scripts);
    vec_free(o->libs);
    vec_free(o->monitors);
}
