/* diag.c -- collecting and rendering diagnostics (diag.h). */
#define _POSIX_C_SOURCE 200809L
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const DiagInfo diag_kinds[DIAG_KIND_COUNT] = {
#define DIAG(Name, cd, sev, sum) [DIAG_##Name] = {cd, sev, sum},
#include "diag.def"
#undef DIAG
};

void diag_init(DiagSink *s) { memset(s, 0, sizeof *s); }

void diag_fini(DiagSink *s)
{
    vec_free(s->diags);
    vec_free(s->sources);
    arena_fini(&s->arena);
}

const char *diag_add_source(DiagSink *s, const char *path, const char *text,
                            size_t len)
{
    DiagSource src;
    src.path = arena_strndup(&s->arena, path, strlen(path));
    src.text = arena_strndup(&s->arena, text, len);
    src.len = len;
    vec_push(s->sources, src);
    return src.path;
}

const char *diag_intern(DiagSink *s, const char *str)
{
    return arena_strndup(&s->arena, str, strlen(str));
}

static char *vformat(Arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *msg = arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    return msg;
}

Diag *diag_emit(DiagSink *s, DiagKind kind, Span span, const char *fmt, ...)
{
    Diag d;
    memset(&d, 0, sizeof d);
    d.kind = kind;
    d.severity = diag_kinds[kind].severity;
    d.span = span;
    va_list ap;
    va_start(ap, fmt);
    d.msg = vformat(&s->arena, fmt, ap);
    va_end(ap);
    if (d.severity == DIAG_ERROR)
        s->nerrors++;
    else if (d.severity == DIAG_WARNING)
        s->nwarnings++;
    vec_push(s->diags, d);
    return &s->diags.v[s->diags.n - 1];
}

Diag *diag_emit_at_offset(DiagSink *s, DiagKind kind, const char *path,
                          size_t offset, const char *fmt, ...)
{
    Span sp = {diag_intern(s, path), 0, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(&s->arena, fmt, ap);
    va_end(ap);
    Diag *d = diag_emit(s, kind, sp, "%s", msg);
    d->at_offset = true;
    d->offset = offset;
    return d;
}

void diag_note(DiagSink *s, Diag *d, Span span, const char *fmt, ...)
{
    DiagNote *n = arena_alloc(&s->arena, sizeof *n);
    n->span = span;
    va_list ap;
    va_start(ap, fmt);
    n->msg = vformat(&s->arena, fmt, ap);
    va_end(ap);
    DiagNote **tail = &d->notes;
    while (*tail)
        tail = &(*tail)->next;
    *tail = n;
}

/* ---- rendering ------------------------------------------------------------ */

typedef struct {
    bool color;
    FILE *out;
} Out;

static const char *sev_name[] = {"error", "warning", "note"};
static const char *sev_color[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m"};

static void paint(const Out *o, const char *code)
{
    if (o->color)
        fputs(code, o->out);
}

/* The text of line `line` (1-based) of path, or NULL. */
static const char *find_line(const DiagSink *s, const char *path,
                             uint32_t line, size_t *len)
{
    for (uint32_t i = 0; i < s->sources.n; i++) {
        const DiagSource *src = &s->sources.v[i];
        if (strcmp(src->path, path) != 0)
            continue;
        const char *p = src->text, *end = src->text + src->len;
        for (uint32_t l = 1; l < line && p < end; l++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
        }
        if (p >= end && line > 1)
            return NULL;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        *len = (size_t)((nl ? nl : end) - p);
        if (*len && p[*len - 1] == '\r')
            (*len)--;
        return p;
    }
    return NULL;
}

/* at: the byte offset in a binary file, or NULL */
static void header(const Out *o, Span sp, const size_t *at, DiagSeverity sev,
                   const char *msg, const char *code)
{
    paint(o, "\033[1m");
    if (sp.file && at)
        fprintf(o->out, "%s:0x%zx: ", sp.file, *at);
    else if (sp.file && sp.line)
        fprintf(o->out, "%s:%u:%u: ", sp.file, sp.line, sp.col);
    else if (sp.file)
        fprintf(o->out, "%s: ", sp.file);
    paint(o, sev_color[sev]);
    fprintf(o->out, "%s:", sev_name[sev]);
    paint(o, "\033[0m");
    fprintf(o->out, " %s", msg);
    if (code)
        fprintf(o->out, " [%s]", code);
    fputc('\n', o->out);
}

/* The source line, then a caret line; tabs kept so the caret lines up. */
static void excerpt(const DiagSink *s, const Out *o, Span sp, DiagSeverity sev)
{
    size_t len;
    const char *text = sp.file && sp.line ? find_line(s, sp.file, sp.line,
                                                      &len) : NULL;
    if (!text)
        return;
    fprintf(o->out, "%5u | %.*s\n      | ", sp.line, (int)len, text);
    size_t col = sp.col ? sp.col - 1 : 0;
    for (size_t i = 0; i < col && i < len; i++)
        fputc(text[i] == '\t' ? '\t' : ' ', o->out);
    paint(o, sev_color[sev]);
    fputc('^', o->out);
    for (size_t i = 1; i < sp.len && col + i < len; i++)
        fputc('~', o->out);
    paint(o, "\033[0m");
    fputc('\n', o->out);
}

void diag_render(const DiagSink *s, FILE *out, bool color)
{
    Out o = {color, out};
    for (uint32_t i = 0; i < s->diags.n; i++) {
        const Diag *d = &s->diags.v[i];
        header(&o, d->span, d->at_offset ? &d->offset : NULL, d->severity,
               d->msg, diag_kinds[d->kind].code);
        excerpt(s, &o, d->span, d->severity);
        for (const DiagNote *n = d->notes; n; n = n->next) {
            header(&o, n->span, NULL, DIAG_NOTE, n->msg, NULL);
            excerpt(s, &o, n->span, DIAG_NOTE);
        }
    }
}

bool diag_use_color(FILE *out)
{
    const char *no = getenv("NO_COLOR");
    return isatty(fileno(out)) && !(no && *no);
}

void diag_write_table(FILE *out)
{
    fprintf(out, "| code | severity | meaning |\n|---|---|---|\n");
    for (int k = 0; k < DIAG_KIND_COUNT; k++)
        fprintf(out, "| %s | %s | %s |\n", diag_kinds[k].code,
                sev_name[diag_kinds[k].severity], diag_kinds[k].summary);
}
