/* diag.h -- diagnostics as data (docs/language.md "Diagnostics").  Each
 * problem is a Diag with a code, a severity, a span
 * (file:line:col + length) and a message, plus notes, pushed onto a sink.
 * The renderer prints them GCC style, so editors and CI parse them:
 *
 *   probes.mm:4:17: error: unknown bound variable 'arg9' [E0301]
 *       4 |   x = arg9 + 1;
 *         |       ^~~~
 *   probes.mm:4:17: note: did you mean 'arg0'?
 *
 * Every kind of diagnostic is a row of diag.def (code, severity, summary);
 * docs/diagnostics.md lists them. */
#ifndef WHAMM_DIAG_H
#define WHAMM_DIAG_H

#include "../util/util.h"

#include <stdio.h>

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagSeverity;

typedef enum {
#define DIAG(Name, code, severity, summary) DIAG_##Name,
#include "diag.def"
#undef DIAG
    DIAG_KIND_COUNT
} DiagKind;

typedef struct {
    const char *code;      /* "E0301" */
    DiagSeverity severity;
    const char *summary;   /* one line for docs/diagnostics.md */
} DiagInfo;

extern const DiagInfo diag_kinds[DIAG_KIND_COUNT];

/* A place in a source file: 1-based line and byte column; len bytes are
 * underlined (0: a point). file NULL: no location. */
typedef struct {
    const char *file;
    uint32_t line, col;
    uint32_t len;
} Span;

typedef struct DiagNote DiagNote;
struct DiagNote {
    DiagNote *next;
    Span span;             /* file NULL: a note without location */
    char *msg;
};

typedef struct {
    DiagKind kind;
    DiagSeverity severity;
    Span span;
    char *msg;
    DiagNote *notes;       /* in the order added */
    bool at_offset;        /* a binary file: span.file at byte `offset` */
    size_t offset;
} Diag;

typedef struct {
    const char *path;
    const char *text;      /* copied into the sink's arena */
    size_t len;
} DiagSource;

typedef struct {
    Arena arena;           /* messages, notes, sources */
    VEC(Diag) diags;
    VEC(DiagSource) sources;
    uint32_t nerrors, nwarnings;
} DiagSink;

void diag_init(DiagSink *s);
void diag_fini(DiagSink *s);
/* Registers a file's text so diagnostics can show its lines.  Returns the
 * sink's copy of the path, which spans may point at. */
const char *diag_add_source(DiagSink *s, const char *path, const char *text,
                            size_t len);
/* A copy of str owned by the sink: what a span's file must point at when
 * the caller's own string may not outlive the sink. */
const char *diag_intern(DiagSink *s, const char *str);
/* diag_emit at byte `offset` of the binary file `path` (a Wasm module;
 * the path is copied): renders as `path:0x1b: error: ...`. */
Diag *diag_emit_at_offset(DiagSink *s, DiagKind kind, const char *path,
                          size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Adds a diagnostic; the severity comes from diag.def.  Returns it so that
 * notes can be attached (the pointer is valid until the next diag_emit). */
Diag *diag_emit(DiagSink *s, DiagKind kind, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_note(DiagSink *s, Diag *d, Span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Prints every diagnostic in the order added; colour if asked. */
void diag_render(const DiagSink *s, FILE *out, bool color);
/* Whether stderr/stdout should get colour (a terminal, NO_COLOR unset). */
bool diag_use_color(FILE *out);
/* Writes the table of diagnostics (docs/diagnostics.md) as Markdown. */
void diag_write_table(FILE *out);

#endif
