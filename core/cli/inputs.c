/* inputs.c -- the inputs several commands share: the provider
 * definitions (check, info, instr), script files (check, instr), module
 * files and the built-in runtime (instr, attach), and
 * option values and the common frame of a command run over the provider
 * definitions (instr, attach). */
#include "cli.h"

#include "provider/registry.h"

#include <string.h>

extern char **environ;
extern const uint8_t whamm_runtime_wasm[];
extern const size_t whamm_runtime_wasm_len;

bool cli_open_module(const char *path, FileView *view, DiagSink *sink)
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
    return true;
}

bool cli_read_runtime(WasmModule *rt, DiagSink *sink)
{
    WasmError err;
    /* its bodies were checked when whamm was built: not again per run */
    if (wasm_module_read_trusted(rt, whamm_runtime_wasm,
                                 whamm_runtime_wasm_len, &err))
        return true;
    diag_emit_at_offset(sink, DIAG_INTERNAL, "<built-in runtime>",
                        err.offset, "%s", err.msg);
    return false;
}

/* A WHAMM_* variable named like one whamm reads but not one of them (a
 * typo, WHAMM_HOM) would be ignored without a word: a warning. */
static void check_env(DiagSink *sink)
{
    for (char **e = environ; e && *e; e++) {
        size_t n;
        const ProvEnvVar *v = prov_env_typo(*e, &n);
        if (!v)
            continue;
        Diag *d = diag_emit(sink, DIAG_UNKNOWN_ENV, (Span){0}, "environment "
                            "variable %.*s is not one whamm reads; it is "
                            "ignored", (int)n, *e);
        diag_note(sink, d, (Span){0}, "did you mean %s (read by %s)?",
                  v->name, v->reader);
    }
}

bool cli_load_providers(struct ProvRegistry *r, const char *defs_path,
                        DiagSink *sink)
{
    check_env(sink);
    return prov_load_defs(r, defs_path, &prov_builtin_defs, sink);
}

Script *cli_parse_script_file(const char *path, DiagSink *sink, Arena *a)
{
    Buf text;
    char err[256];
    buf_init(&text);
    if (!file_read_all(path, &text, err, sizeof err)) {
        diag_emit(sink, DIAG_IO, (Span){0}, "%s", err);
        buf_fini(&text);
        return NULL;
    }
    const char *file = diag_add_source(sink, path, (const char *)text.data,
                                       text.len);
    /* parse from the sink's copy: spans and AST strings stay valid */
    const char *src = sink->sources.v[sink->sources.n - 1].text;
    Script *s = parse_script(a, sink, file, src, text.len);
    buf_fini(&text);
    return s;
}

const char *cli_opt_value(int argc, char **argv, int *i, const char *name,
                          const char *shortname)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) == 0 && a[n] == '=')
        return a + n + 1;
    if ((strcmp(a, name) == 0 || (shortname && strcmp(a, shortname) == 0)) &&
        *i + 1 < argc)
        return argv[++*i];
    return NULL;
}

int cli_run_with_providers(const char *defs_path, bool werror,
                           int (*run)(void *ctx, ProvRegistry *reg,
                                      DiagSink *sink),
                           void *ctx)
{
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *reg = prov_registry_new();
    int rc = cli_load_providers(reg, defs_path, &sink) ? run(ctx, reg, &sink)
                                                       : 1;
    prov_registry_free(reg);
    if (werror)
        cli_apply_werror(&sink);
    fflush(stdout);
    diag_render(&sink, stderr, diag_use_color(stderr));
    diag_fini(&sink);
    return rc;
}
