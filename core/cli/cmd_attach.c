/* cmd_attach.c -- `whamm attach`: applies a wei monitor module to an app
 * by rewriting (docs/wei.md).  Exit 0: the output was written; 1: errors
 * (located diagnostics; no output); 2: usage; 3: --memory=app and the
 * arena is too small (`whamm: arena too small: need N bytes`, as `whamm
 * instr` says it for whamm-ld). */
#include "cli.h"

#include "emit/emit.h"
#include "provider/registry.h"
#include "wei/wei.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define MAX_SCRIPTS 64

typedef struct {
    const char *monitor, *app, *out, *defs_path;
    const char *scripts[MAX_SCRIPTS];
    int nscripts;
    const char *user_libs[MAX_SCRIPTS];
    int nuser_libs;
    EmitReportFormat report_format;
    EmitMemory memory;
    const char *arena_export;
    uint64_t arena_size;
    bool verbose, werror, no_validate, no_inline;
} AttachArgs;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: whamm attach --monitor M.wasm --app APP.wasm -o OUT.wasm\n"
            "                    [options]\n"
            "\n"
            "Apply a wei monitor module to a module by rewriting "
            "(docs/wei.md).\n"
            "\n"
            "  -m, --monitor PATH    the monitor (binary .wasm)\n"
            "  -a, --app PATH        the module to instrument\n"
            "  -o, --output-path P   the instrumented module\n"
            "  -d, --defs-path DIR   provider definitions\n"
            "  -s, --script PATH     a whamm script instrumenting the app in\n"
            "                        the same pass (repeatable)\n"
            "  --user-libs SPEC      libraries of the scripts, as for whamm\n"
            "                        instr (repeatable)\n"
            "  --report-format=csv|json  the scripts' report\n"
            "  --memory=top|separate|app  where the monitor's memory lives\n"
            "                        (as for whamm instr)\n"
            "  --arena-export=NAME   the arena's address global (default\n"
            "                        __whamm_arena)\n"
            "  --arena-size=N        bytes of the arena (--memory=app)\n"
            "  --no-validate         do not validate the app's bodies\n"
            "  --no-inline           call every probe function (do not copy\n"
            "                        tiny ones in place of their calls)\n"
            "  --werror              warnings are errors: exit 1, no output\n"
            "  -v                    say what is done\n"
            "  -h, --help            this text\n"
            "\n"
            "Exit status: 0 written, 1 errors, 2 usage, 3 arena too small.\n");
}


static int parse_memory(const char *v, AttachArgs *o)
{
    if (strcmp(v, "app") == 0)
        o->memory = EMIT_MEMORY_APP;
    else if (strcmp(v, "separate") == 0)
        o->memory = EMIT_MEMORY_SEPARATE;
    else if (strcmp(v, "top") == 0)
        o->memory = EMIT_MEMORY_TOP;
    else {
        fprintf(stderr, "whamm attach: --memory is 'top', 'separate' or "
                        "'app', not '%s'\n", v);
        return 2;
    }
    return -1;
}

static int parse_arena_size(const char *v, AttachArgs *o)
{
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (end == v || *end || n == 0 || n > 0xFFFFFFFFull) {
        fprintf(stderr, "whamm attach: bad --arena-size '%s'\n", v);
        return 2;
    }
    o->arena_size = n;
    return -1;
}

/* A repeatable option's value added to list (at most MAX_SCRIPTS). */
static int add_value(const char **list, int *n, const char *v,
                     const char *what)
{
    if (*n == MAX_SCRIPTS) {
        fprintf(stderr, "whamm attach: at most %d %s\n", MAX_SCRIPTS, what);
        return 2;
    }
    list[(*n)++] = v;
    return -1;
}

static int parse_report_format(const char *v, AttachArgs *o)
{
    if (strcmp(v, "csv") == 0 || strcmp(v, "json") == 0) {
        o->report_format = v[0] == 'c' ? EMIT_REPORT_CSV : EMIT_REPORT_JSON;
        return -1;
    }
    fprintf(stderr, "whamm attach: --report-format is 'csv' or 'json', not "
                    "'%s'\n", v);
    return 2;
}

static int parse_args(int argc, char **argv, AttachArgs *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int rc = -1;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
            o->verbose = true;
        } else if (strcmp(a, "--werror") == 0) {
            o->werror = true;
        } else if (strcmp(a, "--no-validate") == 0) {
            o->no_validate = true;
        } else if (strcmp(a, "--no-inline") == 0) {
            o->no_inline = true;
        } else if ((v = cli_opt_value(argc, argv, &i, "--monitor", "-m"))) {
            o->monitor = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--app", "-a"))) {
            o->app = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--output-path", "-o"))) {
            o->out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--defs-path", "-d"))) {
            o->defs_path = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--script", "-s"))) {
            rc = add_value(o->scripts, &o->nscripts, v, "scripts");
        } else if ((v = cli_opt_value(argc, argv, &i, "--user-libs", NULL))) {
            rc = add_value(o->user_libs, &o->nuser_libs, v, "--user-libs");
        } else if ((v = cli_opt_value(argc, argv, &i, "--report-format",
                                      NULL))) {
            rc = parse_report_format(v, o);
        } else if ((v = cli_opt_value(argc, argv, &i, "--memory", NULL))) {
            rc = parse_memory(v, o);
        } else if ((v = cli_opt_value(argc, argv, &i, "--arena-export",
                                      NULL))) {
            o->arena_export = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--arena-size",
                                      NULL))) {
            rc = parse_arena_size(v, o);
        } else {
            fprintf(stderr, "whamm attach: unknown or incomplete option "
                            "'%s'\n", a);
            rc = 2;
        }
        if (rc >= 0)
            return rc;
    }
    if (!o->monitor || !o->app || !o->out) {
        fprintf(stderr, "whamm attach: --monitor, --app and -o are "
                        "required\n");
        usage(stderr);
        return 2;
    }
    if ((o->arena_size || o->arena_export) && o->memory != EMIT_MEMORY_APP &&
        o->memory != EMIT_MEMORY_AUTO) {
        fprintf(stderr, "whamm attach: --%s is for --memory=app (the arena)\n",
                o->arena_size ? "arena-size" : "arena-export");
        return 2;
    }
    return -1;
}

/* A binary module's bytes in *view; the app is also read (and validated)
 * here so its errors point at the app. */
static bool open_module(const char *path, FileView *view, bool check,
                        bool validate, DiagSink *sink)
{
    if (!cli_open_module(path, view, sink))
        return false;
    if (!check)
        return true;
    WasmModule m;
    WasmError err;
    bool ok = validate
        ? wasm_module_read_validated(&m, view->data, view->len, NULL, &err)
        : wasm_module_read(&m, view->data, view->len, NULL, &err);
    if (ok)
        wasm_module_fini(&m);
    if (!ok)
        diag_emit_at_offset(sink, DIAG_BAD_MODULE, path, err.offset, "%s",
                            err.msg);
    return ok;
}

/* The scripts and their libraries, read and checked (as `whamm instr`
 * reads them); the libraries stay open until cli_release_user_libs. */
typedef struct {
    CliLibs libs;
    EmitScript *scripts;
} Scripts;

static bool load_scripts(const AttachArgs *o, ProvRegistry *reg, Arena *a,
                         Scripts *out, DiagSink *sink)
{
    bool ok = cli_load_libs(o->user_libs, o->nuser_libs, a, &out->libs,
                            sink);
    TcRegistryProvider prov;
    tc_registry_provider_init(&prov, reg);
    out->scripts = arena_alloc(a, sizeof *out->scripts *
                                  ((size_t)o->nscripts + 1));
    for (int i = 0; ok && i < o->nscripts; i++) {
        Script *s = cli_parse_script_file(o->scripts[i], sink, a);
        ok = s && tc_check_script_libs(s, &prov.base, out->libs.tc,
                                       out->libs.specs.n, a, sink);
        out->scripts[i] = (EmitScript){s, o->scripts[i]};
    }
    return ok;
}

static int attach(const AttachArgs *o, ProvRegistry *reg, DiagSink *sink)
{
    FileView mon = {0}, app = {0};
    WasmModule rt;
    int rc = 1;
    bool have_rt = false;
    Arena a;
    arena_init(&a);
    Scripts sc;
    memset(&sc, 0, sizeof sc);
    if (!load_scripts(o, reg, &a, &sc, sink) ||
        !open_module(o->monitor, &mon, false, false, sink) ||
        !open_module(o->app, &app, true, !o->no_validate, sink))
        goto done;
    if (!(have_rt = cli_read_runtime(&rt, sink)))
        goto done;
    uint64_t need = 0;
    WeiAttach in = {o->monitor, mon.data, mon.len, app.data, app.len, reg,
                    {0}, &need, o->no_inline, sc.scripts,
                    (uint32_t)o->nscripts, sc.libs.emit, sc.libs.specs.n};
    in.emit.report_format = o->report_format;
    in.emit.memory = o->memory;
    in.emit.arena_export = o->arena_export;
    in.emit.arena_size = o->arena_size;
    in.emit.runtime = &rt;
    in.emit.verbose = o->verbose ? stderr : NULL;
    Buf out;
    buf_init(&out);
    char msg[512];
    if (wei_attach(&in, sink, &out)) {
        if (o->werror && sink->nwarnings)
            rc = 1;
        else if (file_write_atomic(o->out, out.data, out.len, msg, sizeof msg))
            rc = 0;
        else
            diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
    } else if (need) {
        fprintf(stderr, "whamm: arena too small: need %llu bytes\n",
                (unsigned long long)need);
        rc = 3;
    }
    buf_fini(&out);
done:
    if (have_rt)
        wasm_module_fini(&rt);
    file_view_close(&mon);
    file_view_close(&app);
    cli_release_user_libs(&sc.libs.specs);
    arena_fini(&a);
    return rc;
}

static int run_attach(void *o, ProvRegistry *reg, DiagSink *sink)
{
    return attach(o, reg, sink);
}

int cmd_attach(int argc, char **argv)
{
    AttachArgs o;
    memset(&o, 0, sizeof o);
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0)
        return rc;
    return cli_run_with_providers(o.defs_path, o.werror, run_attach, &o);
}
