/* inputs.c -- the inputs several commands share: the provider
 * definitions (check, info, instr) and script files (check, instr). */
#include "cli.h"

#include "provider/registry.h"

bool cli_load_providers(struct ProvRegistry *r, const char *defs_path,
                        DiagSink *sink)
{
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
