/* cmd_attach.c -- `whamm attach`: applies a wei monitor module to an app
 * by rewriting (docs/wei.md).  Exit 0: the output was written; 1: errors
 * (located diagnostics; no output); 2: usage. */
#include "cli.h"

#include "emit/emit.h"
#include "provider/registry.h"
#include "wei/wei.h"

#include <stdio.h>
#include <string.h>

extern const uint8_t whamm_runtime_wasm[];
extern const size_t whamm_runtime_wasm_len;

typedef struct {
    const char *monitor, *app, *out, *defs_path;
    EmitMemory memory;
    bool verbose, werror, no_validate;
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
            "  --memory=top|separate|app  where the monitor's memory lives\n"
            "                        (as for whamm instr)\n"
            "  --no-validate         do not validate the app's bodies\n"
            "  --werror              warnings are errors: exit 1, no output\n"
            "  -v                    say what is done\n"
            "  -h, --help            this text\n"
            "\n"
            "Exit status: 0 written, 1 errors, 2 usage.\n");
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
        } else if ((v = cli_opt_value(argc, argv, &i, "--monitor", "-m"))) {
            o->monitor = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--app", "-a"))) {
            o->app = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--output-path", "-o"))) {
            o->out = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--defs-path", "-d"))) {
            o->defs_path = v;
        } else if ((v = cli_opt_value(argc, argv, &i, "--memory", NULL))) {
            rc = parse_memory(v, o);
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
    return -1;
}

/* A binary module's bytes in *view; the app is also read (and validated)
 * here so its errors point at the app. */
static bool open_module(const char *path, FileView *view, bool check,
                        bool validate, DiagSink *sink)
{
    char msg[512];
    if (!file_view_open(path, view, msg, sizeof msg)) {
        diag_emit(sink, DIAG_IO, (Span){0}, "%s", msg);
        return false;
    }
    if (view->len >= 1 && view->data[0] == '(') {
        diag_emit(sink, DIAG_BAD_MODULE, (Span){diag_intern(sink, path), 0, 0,
                  0}, "this is WebAssembly text; assemble it with "
                  "wat2wasm first");
        return false;
    }
    if (!check)
        return true;
    WasmModule m;
    WasmError err;
    bool ok = wasm_module_read(&m, view->data, view->len, NULL, &err);
    if (ok) {
        ok = !validate || wasm_module_validate(&m, &err);
        wasm_module_fini(&m);
    }
    if (!ok)
        diag_emit_at_offset(sink, DIAG_BAD_MODULE, path, err.offset, "%s",
                            err.msg);
    return ok;
}

static int attach(const AttachArgs *o, ProvRegistry *reg, DiagSink *sink)
{
    FileView mon = {0}, app = {0};
    WasmModule rt;
    WasmError err;
    int rc = 1;
    bool have_rt = false;
    if (!open_module(o->monitor, &mon, false, false, sink) ||
        !open_module(o->app, &app, true, !o->no_validate, sink))
        goto done;
    if (!(have_rt = wasm_module_read(&rt, whamm_runtime_wasm,
                                     whamm_runtime_wasm_len, NULL, &err))) {
        diag_emit(sink, DIAG_INTERNAL, (Span){0}, "runtime: %s", err.msg);
        goto done;
    }
    WeiAttach in = {o->monitor, mon.data, mon.len, app.data, app.len, reg,
                    {0}};
    in.emit.memory = o->memory;
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
    }
    buf_fini(&out);
done:
    if (have_rt)
        wasm_module_fini(&rt);
    file_view_close(&mon);
    file_view_close(&app);
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
