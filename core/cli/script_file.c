/* script_file.c -- reading and parsing one script file for the commands
 * that take scripts (check, instr). */
#include "cli.h"

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
