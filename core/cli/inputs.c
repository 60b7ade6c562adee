/* inputs.c -- the inputs several commands share: the provider
 * definitions (check, info, instr) and script files (check, instr). */
#include "cli.h"

#include "provider/registry.h"

extern char **environ;

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
    Buf dir;
    buf_init(&dir);
    bool ok = prov_find_defs(defs_path, &dir, sink) &&
              prov_load_dir(r, (const char *)dir.data, sink);
    buf_fini(&dir);
    return ok;
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
