/* parse.c -- recursive-descent parser for whamm scripts.  One function
 * per grammar rule with its EBNF above it; binary operators by precedence
 * climbing over binops.def.  A syntax error is reported to the sink and
 * unwinds (longjmp) to the innermost recovery point, all set by protect():
 * a statement in a block, a top-level item, a probe's or function's
 * header.  The parser then skips to the next statement or probe and goes
 * on, so one run reports every independent error (up to MAX_ERRORS).  A
 * missing `;` is reported without unwinding: parsing continues as if it
 * were there.  Every node lives in the caller's arena, so nothing leaks.
 *
 * The whole grammar (PEG-like; ordered choice, whitespace and nested
 * comments between tokens):
 *
 *   script      := top_pre* probe_def top_post*
 *   top_pre     := lib_import | if_stmt | statement | fn_def
 *   top_post    := if_stmt | statement | fn_def | probe_def
 *   lib_import  := 'use' ID ';'
 *   fn_def      := 'fn' ID '(' (param (',' param)*)? ')' ('->' TYPE)? block
 *   param       := ID ':' TYPE
 *   probe_def   := PROBE_RULE ('/' expr '/')? block
 *   PROBE_RULE  := part TB? (':' part TB?){1,3}   (2-part: both non-empty)
 *   part        := PROBE_ID?                      (empty part means `*`)
 *   TB          := '(' param (',' param)* ')'
 *   block       := '{' (if_stmt | statement)* '}'
 *   statement   := ( decl_init | lib_call | fn_call | special_decl | decl
 *                  | assignment | incr | decr | ret ) ';'
 *   if_stmt     := 'if' '(' expr ')' block (else_part | elif_part)?
 *   elif_part   := 'elif' '(' expr ')' block (else_part | elif_part)?
 *   else_part   := 'else' block
 *   ret         := 'return' expr?
 *   decl        := 'var' ID ':' TYPE          (ID not arg<digit>...)
 *   special_decl:= ('report' | 'unshared')+ decl   (each at most once)
 *   decl_init   := (special_decl | decl) '=' rhs
 *   assignment  := (get_map | get_tuple | ID) '=' rhs
 *   incr / decr := (get_map | ID) ('++' | '--')
 *   rhs         := expr ('?' expr ':' expr)?
 *   fn_call     := ID '(' (arg (',' arg)*)? ')'
 *   lib_call    := ('@' ID)? ID '.' fn_call    (annotation static | init)
 *   expr        := operand (BINOP operand)*   (priorities: binops.def)
 *   operand     := ('!' | '~')? primary ('as' PRIMITIVE_TYPE)?
 *   primary     := lib_call | fn_call | get_map | get_tuple | ID
 *                | '(' ')' | '(' expr ')' | '(' expr (',' expr)+ ')'
 *                | BOOL | FLOAT | INT | STRING | '-' (INT | FLOAT)
 *   get_map     := ID '[' expr ']'
 *   get_tuple   := ID ('.' DIGITS)+
 *   TYPE        := see types.h (parsed by ty_parse)
 */
#include "lang.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 512    /* nesting of blocks, parentheses, operator chains */
#define MAX_ERRORS 20    /* syntax errors reported before giving up */

/* Growable arrays live in the arena (avec_push, util.h): a longjmp out
 * of the parser leaves no heap memory behind. */

typedef struct {
    Arena *a;
    DiagSink *sink;
    const char *file;
    const char *src;
    size_t len;
    Lexer lx;
    Token tok;             /* the current (lookahead) token */
    uint32_t prev_start;   /* offset of the last consumed token */
    uint32_t prev_end;     /* offset just after the last consumed token */
    uint32_t prev_line;    /* line and column just after it */
    uint32_t prev_col;
    bool in_pred;          /* a `/` may end the predicate */
    bool seen_probe;
    unsigned depth;
    unsigned nerrors;      /* syntax errors reported */
    uint32_t last_line;    /* where the last one was */
    uint32_t last_col;
    uint32_t last_diag;    /* its index in the sink */
    jmp_buf *jb;           /* the innermost recovery point (protect) */
    jmp_buf *top;          /* the entry point: stop parsing */
} Parser;

/* ---- errors and tokens -------------------------------------------------- */

static Span tok_span(const Parser *P, const Token *t)
{
    Span s = {P->file, t->line, t->col, t->len ? t->len : 1};
    return s;
}

static _Noreturn void fail_at(Parser *P, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reports a syntax error; returns it, or NULL when one was already
 * reported at that place (an error at the end of the file is seen by
 * every block still open).  After MAX_ERRORS the whole parse stops. */
static Diag *syntax_error(Parser *P, Span sp, const char *msg)
{
    if (P->nerrors && sp.line == P->last_line && sp.col == P->last_col)
        return NULL;
    if (P->nerrors == MAX_ERRORS) {
        diag_note(P->sink, &P->sink->diags.v[P->last_diag], (Span){0},
                  "too many errors: stopped after %u; fix these and run "
                  "again", MAX_ERRORS);
        longjmp(*P->top, 1);
    }
    P->nerrors++;
    P->last_line = sp.line;
    P->last_col = sp.col;
    P->last_diag = P->sink->diags.n;
    return diag_emit(P->sink, DIAG_SYNTAX, sp, "%s", msg);
}

static _Noreturn void fail_at(Parser *P, Span sp, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    syntax_error(P, sp, msg);
    longjmp(*P->jb, 1);
}

/* "found `x`" text for the current token. */
static const char *found(Parser *P)
{
    const Token *t = &P->tok;
    if (t->kind == TOK_EOF)
        return "end of file";
    size_t n = t->len > 40 ? 40 : t->len;
    char *s = arena_alloc(P->a, n + 3);
    s[0] = '`';
    memcpy(s + 1, P->src + t->off, n);
    s[n + 1] = '`';
    return s;
}

/* Reports "expected WHAT, found X" (or the lexer's own message). */
static _Noreturn void expected(Parser *P, const char *what)
{
    if (P->tok.kind == TOK_ERROR)
        fail_at(P, tok_span(P, &P->tok), "%s", P->tok.msg);
    fail_at(P, tok_span(P, &P->tok), "expected %s, found %s", what,
            found(P));
}

static void next(Parser *P)
{
    P->prev_start = P->tok.off;
    P->prev_end = P->tok.off + P->tok.len;
    P->prev_line = P->tok.line;
    P->prev_col = P->tok.col + P->tok.len; /* tokens never span lines */
    P->tok = lex_next(&P->lx);
}

static bool at(const Parser *P, TokKind k) { return P->tok.kind == k; }

static bool accept(Parser *P, TokKind k)
{
    if (!at(P, k))
        return false;
    next(P);
    return true;
}

static void expect(Parser *P, TokKind k)
{
    if (!accept(P, k)) {
        char what[48];
        snprintf(what, sizeof what, "`%s`", lex_tok_name(k));
        expected(P, what);
    }
}

static Token peek(const Parser *P)
{
    Lexer copy = P->lx;
    return lex_next(&copy);
}

static const char *tok_text(Parser *P, const Token *t)
{
    return arena_strndup(P->a, P->src + t->off, t->len);
}

/* A span from token start to the end of the last consumed token. */
static Span span_from(const Parser *P, const Token *start)
{
    Span s = tok_span(P, start);
    if (P->prev_end > start->off)
        s.len = P->prev_end - start->off;
    return s;
}

static void enter(Parser *P)
{
    if (++P->depth > MAX_DEPTH)
        fail_at(P, tok_span(P, &P->tok), "nesting is too deep");
}

static Expr *new_expr(Parser *P, ExprKind k, const Token *start)
{
    Expr *e = arena_alloc(P->a, sizeof *e);
    e->kind = k;
    e->span = tok_span(P, start);
    return e;
}

static Stmt *new_stmt(Parser *P, StmtKind k, const Token *start)
{
    Stmt *s = arena_alloc(P->a, sizeof *s);
    s->kind = k;
    s->span = tok_span(P, start);
    return s;
}

/* Moves the cursor to byte offset off, which lies after the current
 * token's start (used after a raw scan of a type). */
static void seek_off(Parser *P, uint32_t off)
{
    Token t = P->tok;
    for (uint32_t i = t.off; i < off; i++) {
        if (P->src[i] == '\n') {
            t.line++;
            t.col = 1;
        } else {
            t.col++;
        }
    }
    t.off = off;
    lex_seek(&P->lx, &t);
    P->prev_end = off;
    P->prev_line = t.line;
    P->prev_col = t.col;
    P->tok = lex_next(&P->lx);
}

/* ---- types ----------------------------------------------------------------- */

/* Where a TYPE starting at off ends: before `;` `=` `,` `{` `}` `/`, an
 * unbalanced `)` / `>` (types nest with `()` and `map<...>`), or the end
 * of the line outside brackets (so a missing `;` after a declaration is
 * found on its own line). */
static uint32_t type_extent(const Parser *P, uint32_t off)
{
    int depth = 0;
    uint32_t i = off;
    for (; i < P->len; i++) {
        char c = P->src[i];
        if (c == '(' || c == '<')
            depth++;
        else if ((c == ')' || c == '>') && depth-- == 0)
            break;
        else if (depth == 0 && strchr(";=,{}/\n", c))
            break;
    }
    while (i > off && strchr(" \t\r\n", P->src[i - 1]))
        i--;
    return i;
}

/* Whether a and b differ by two swapped neighbours (`u23`, `u32`). */
static bool swapped(const char *a, const char *b)
{
    size_t n = strlen(a), i = 0;
    if (n != strlen(b))
        return false;
    while (i < n && a[i] == b[i])
        i++;
    return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           strcmp(a + i + 2, b + i + 2) == 0;
}

/* The type name closest to a misspelt one (`u23`, `string`), or NULL. */
static const char *near_type(Parser *P, const Token *t)
{
    static const char *const others[] = {"map"};
    const char *w = tok_text(P, t), *best = NULL;
    unsigned bestd = t->len > 4 ? 4 : 3;
    for (int k = 0; k <= TY_FUNCREF + (int)ARRAY_LEN(others); k++) {
        const char *c = k <= TY_FUNCREF ? ty_name(P->a, ty_prim((TypeKind)k))
                                        : others[k - TY_FUNCREF - 1];
        unsigned d = swapped(w, c) ? 1 : str_edit_distance(w, c, true);
        if (d < bestd) {
            bestd = d;
            best = c;
        }
    }
    return best;
}

/* A type error at the cursor, with "did you mean" for a misspelt name. */
static _Noreturn void type_error(Parser *P, const char *msg)
{
    Span sp = tok_span(P, &P->tok);
    const char *near = P->tok.kind == TOK_ID ? near_type(P, &P->tok) : NULL;
    Diag *d = syntax_error(P, sp, msg);
    if (d && near)
        diag_note(P->sink, d, (Span){0}, "did you mean `%s`?", near);
    longjmp(*P->jb, 1);
}

/* TYPE, through ty_parse (types.h). */
static const Type *type(Parser *P)
{
    uint32_t off = P->tok.off, end = type_extent(P, off);
    for (uint32_t i = off; i + 3 < end; i++)
        if (memcmp(P->src + i, "map", 3) == 0 && strchr(" \t\r\n",
                                                        P->src[i + 3])) {
            seek_off(P, i);
            fail_at(P, tok_span(P, &P->tok), "a map type is written `map<` "
                    "without a space");
        }
    size_t err_off = 0;
    char err[160];
    const Type *t = ty_parse(P->a, P->src + off, end - off, false, &err_off,
                             err, sizeof err);
    if (!t) {
        seek_off(P, off + (uint32_t)err_off);
        if (P->tok.kind == TOK_EOF)
            expected(P, "a type");
        type_error(P, err);
    }
    seek_off(P, end);
    P->prev_start = off; /* the type is the last thing consumed */
    return t;
}

/* ---- literals --------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* INT: hex, binary or decimal with `_`; the value must fit 128 bits. */
static Expr *int_lit(Parser *P, const Token *start, bool neg)
{
    const char *s = P->src + P->tok.off;
    uint32_t n = P->tok.len, i = 0;
    unsigned base = 10;
    if (n > 1 && s[0] == '0' && strchr("xXbB", s[1])) {
        base = (s[1] == 'x' || s[1] == 'X') ? 16 : 2;
        i = 2;
        if (neg)
            fail_at(P, span_from(P, start), "hex and binary literals "
                    "cannot have a sign");
    }
    if (neg && n == 1 && s[0] == '0')
        fail_at(P, tok_span(P, start), "`-0` is not a valid integer "
                "literal; write `0`");
    LangUInt v = 0, limit = ~(LangUInt)0;
    for (; i < n; i++) {
        if (s[i] == '_')
            continue;
        unsigned d = (unsigned)hexval(s[i]);
        if (v > (limit - d) / base)
            fail_at(P, tok_span(P, &P->tok), "this integer literal does "
                    "not fit in 128 bits");
        v = v * base + d;
    }
    if (v >> 127 && !(neg && v == (LangUInt)1 << 127))
        fail_at(P, tok_span(P, &P->tok), "this integer literal does not "
                "fit in 128 bits");
    Expr *e = new_expr(P, EX_INT, start);
    e->ival = (LangInt)(neg ? 0 - v : v); /* wraps, never overflows */
    next(P);
    e->span = span_from(P, start);
    return e;
}

/* FLOAT: f32 if finite as f32, else f64 if finite, else f32 +-inf. */
static Expr *float_value(Parser *P, const Token *start, const char *text,
                         bool neg)
{
    char buf[128];
    size_t k = 0;
    if (neg)
        buf[k++] = '-';
    for (; *text && k < sizeof buf - 1; text++)
        if (*text != '_')
            buf[k++] = *text;
    buf[k] = '\0';
    Expr *e = new_expr(P, EX_FLOAT, start);
    float f = strtof(buf, NULL);
    double d = strtod(buf, NULL);
    if (isinf(f) && !isinf(d)) {
        e->fval = d;
        e->is_f64 = true;
    } else {
        e->fval = (double)f;
    }
    return e;
}

static Expr *float_lit(Parser *P, const Token *start, bool neg)
{
    Expr *e = float_value(P, start, tok_text(P, &P->tok), neg);
    next(P);
    e->span = span_from(P, start);
    return e;
}

/* `-inf`, `-NaN` (only the signed forms reach FLOAT). */
static Expr *named_float(Parser *P, const Token *start)
{
    const char *w = tok_text(P, &P->tok);
    if (strcasecmp(w, "inf") != 0 && strcasecmp(w, "nan") != 0) {
        Span sp = tok_span(P, start);
        sp.len = P->tok.off + P->tok.len - start->off;
        fail_at(P, sp, "expected a number after `-` (there is no unary "
                "minus; write `0 - x`)");
    }
    Expr *e = float_value(P, start, strcasecmp(w, "inf") == 0 ? "inf"
                                                              : "nan", true);
    next(P);
    e->span = span_from(P, start);
    return e;
}

/* UTF-8 encoding of code point cp into out; returns the length. */
static uint32_t utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static _Noreturn void bad_escape(Parser *P, uint32_t at_off, uint32_t n,
                                 const char *msg)
{
    Span sp = tok_span(P, &P->tok);
    sp.col += at_off - P->tok.off;
    sp.len = n;
    fail_at(P, sp, "%s", msg);
}

/* `\u{H+}`: returns the code point; *i is moved past the `}`. */
static uint32_t unicode_escape(Parser *P, const char *s, uint32_t *i,
                               uint32_t end)
{
    uint32_t at_off = (uint32_t)(s + *i - P->src) - 1, cp = 0, nd = 0;
    if (*i + 1 >= end || s[*i + 1] != '{')
        bad_escape(P, at_off, 2, "expected `{` after `\\u`");
    for (*i += 2; *i < end && hexval(s[*i]) >= 0; (*i)++, nd++)
        if ((cp = cp * 16 + (uint32_t)hexval(s[*i])) > 0x10FFFF)
            break;
    if (nd == 0 || *i >= end || s[*i] != '}' || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        bad_escape(P, at_off, 2, "invalid `\\u{...}` escape: expected "
                   "1 or more hex digits naming a Unicode scalar value");
    return cp;
}

/* One escape after `\` at s[*i]; appends its bytes to out. */
static uint32_t escape(Parser *P, const char *s, uint32_t *i, uint32_t end,
                       char *out)
{
    static const char simple[] = "n\nr\rt\t\"\"''\\\\0";
    char c = s[*i];
    const char *p = c ? strchr(simple, c) : NULL;
    if (p && (p - simple) % 2 == 0) {
        out[0] = p[1];          /* `\0` maps to the string's NUL */
        return 1;
    }
    if (c == 'x') {
        if (*i + 2 >= end || hexval(s[*i + 1]) < 0 || hexval(s[*i + 2]) < 0)
            bad_escape(P, (uint32_t)(s + *i - P->src) - 1, 2,
                       "`\\x` needs exactly 2 hex digits");
        uint32_t cp = (uint32_t)(hexval(s[*i + 1]) * 16 + hexval(s[*i + 2]));
        *i += 2;
        return utf8(out, cp);
    }
    if (c == 'u')
        return utf8(out, unicode_escape(P, s, i, end));
    bad_escape(P, (uint32_t)(s + *i - P->src) - 1, 2, "unknown escape "
               "sequence (valid: \\n \\r \\t \\\" \\' \\\\ \\0 \\xHH \\u{H+})");
}

static Expr *string_lit(Parser *P)
{
    const char *s = P->src + P->tok.off;
    uint32_t end = P->tok.len - 1, n = 0;
    char *out = arena_alloc(P->a, (size_t)P->tok.len * 2 + 4);
    for (uint32_t i = 1; i < end; i++) {
        if (s[i] != '\\') {
            out[n++] = s[i];
            continue;
        }
        i++;
        n += escape(P, s, &i, end, out + n);
    }
    Expr *e = new_expr(P, EX_STR, &P->tok);
    e->str = out;
    e->slen = n;
    next(P);
    return e;
}

/* ---- expressions ----------------------------------------------------------- */

static const int priority[] = {
#define BINOP(Name, tok, prio, foldable, spelling) prio,
#include "binops.def"
};
static const TokKind binop_tok[] = {
#define BINOP(Name, tok, prio, foldable, spelling) TOK_##tok,
#include "binops.def"
};
_Static_assert(ARRAY_LEN(priority) == BIN_COUNT, "binop priorities");

static Expr *expr(Parser *P);
static Expr *operand(Parser *P);

static bool starts_operand(TokKind k)
{
    return k == TOK_ID || k == TOK_INT || k == TOK_FLOAT || k == TOK_STRING ||
           k == TOK_LPAREN || k == TOK_BANG || k == TOK_TILDE ||
           k == TOK_TRUE || k == TOK_FALSE || k == TOK_AT || k == TOK_MINUS;
}

/* The binary operator at the cursor, if any.  Inside a predicate a `/`
 * that no operand follows closes it. */
static bool binop_at(const Parser *P, BinOp *op)
{
    for (int i = 0; i < BIN_COUNT; i++) {
        if (binop_tok[i] != P->tok.kind)
            continue;
        if (P->tok.kind == TOK_SLASH && P->in_pred &&
            !starts_operand(peek(P).kind))
            return false;
        *op = (BinOp)i;
        return true;
    }
    return false;
}

/* expr := operand (BINOP operand)*  -- precedence climbing: operators
 * binding tighter than `limit` are taken here, all left associative. */
static Expr *subexpr(Parser *P, int limit)
{
    Token start = P->tok;
    enter(P);
    Expr *l = operand(P);
    BinOp op;
    unsigned chain = 0; /* a left-deep chain is as deep as it is long */
    while (binop_at(P, &op) && priority[op] > limit) {
        enter(P);
        chain++;
        next(P);
        Expr *e = new_expr(P, EX_BINARY, &start);
        e->bop = op;
        e->a = l;
        e->b = subexpr(P, priority[op]);
        e->span = span_from(P, &start);
        l = e;
    }
    P->depth -= chain + 1;
    return l;
}

static Expr *expr(Parser *P) { return subexpr(P, 0); }

/* args := (expr (',' expr)*)? ')'   -- the '(' is eaten */
static void call_args(Parser *P, Expr *e)
{
    VEC(Expr *) args = {0};
    if (!at(P, TOK_RPAREN)) {
        do
            avec_push(P->a, args, expr(P));
        while (accept(P, TOK_COMMA));
    }
    e->nargs = args.n;
    e->args = args.n ? args.v
                     : NULL;
    if (!accept(P, TOK_RPAREN))
        expected(P, "`,` or `)` in the argument list");
}

/* lib_call := ('@' ID)? ID '.' ID '(' args ')'  -- at the receiver ID */
static Expr *lib_call(Parser *P, const Token *start, const char *annot)
{
    Expr *e = new_expr(P, EX_LIBCALL, start);
    e->annot = annot;
    e->recv = tok_text(P, &P->tok);
    expect(P, TOK_ID);
    expect(P, TOK_DOT);
    if (!at(P, TOK_ID))
        expected(P, "a function name after `.`");
    e->name = tok_text(P, &P->tok);
    e->name_span = tok_span(P, &P->tok);
    next(P);
    expect(P, TOK_LPAREN);
    call_args(P, e);
    e->span = span_from(P, start);
    return e;
}

/* '@' ID lib_call  (annotation static | init) */
static Expr *annotated_call(Parser *P)
{
    Token start = P->tok;
    next(P);
    if (!at(P, TOK_ID))
        expected(P, "`static` or `init` after `@`");
    const char *a = tok_text(P, &P->tok);
    if (strcmp(a, "static") != 0 && strcmp(a, "init") != 0) {
        Span sp = tok_span(P, &start);
        sp.len = P->tok.off + P->tok.len - start.off;
        fail_at(P, sp, "`@%s` is not a valid annotation (expected `@static` "
                "or `@init`)", a);
    }
    next(P);
    if (!at(P, TOK_ID) || peek(P).kind != TOK_DOT)
        expected(P, "a library call `lib.fn(...)` after the annotation");
    return lib_call(P, &start, a);
}

/* get_tuple := ID ('.' DIGITS)+  -- e is the receiver */
static Expr *tuple_fields(Parser *P, const Token *start, Expr *e)
{
    while (at(P, TOK_DOT) && peek(P).kind == TOK_INT) {
        next(P);
        const char *d = tok_text(P, &P->tok);
        if (strspn(d, "0123456789") != strlen(d) || strlen(d) > 9)
            fail_at(P, tok_span(P, &P->tok), "a tuple index is a small "
                    "decimal number");
        Expr *f = new_expr(P, EX_FIELD, start);
        f->a = e;
        f->index = (uint32_t)strtoul(d, NULL, 10);
        next(P);
        f->span = span_from(P, start);
        e = f;
    }
    return e;
}

/* fn_call | lib_call | get_map | get_tuple | ID  -- the forms starting
 * with an ID; `x.f(` is a lib_call, `x.0` a get_tuple. */
static Expr *name_primary(Parser *P)
{
    Token start = P->tok;
    Token nx = peek(P);
    if (nx.kind == TOK_DOT) {
        Lexer copy = P->lx;
        lex_next(&copy);
        if (lex_next(&copy).kind == TOK_ID)
            return lib_call(P, &start, NULL);
    }
    Expr *e = new_expr(P, EX_ID, &start);
    e->name = tok_text(P, &start);
    e->name_span = e->span;
    next(P);
    if (accept(P, TOK_LPAREN)) {
        e->kind = EX_CALL;
        call_args(P, e);
    } else if (accept(P, TOK_LBRACK)) {
        Expr *m = new_expr(P, EX_INDEX, &start);
        m->a = e;
        m->b = expr(P);
        expect(P, TOK_RBRACK);
        e = m;
    } else if (at(P, TOK_DOT)) {
        e = tuple_fields(P, &start, e);
        if (at(P, TOK_DOT))
            expected(P, "a tuple index or a call after `.`");
    }
    e->span = span_from(P, &start);
    return e;
}

/* '(' ')' | '(' expr ')' | '(' expr (',' expr)+ ')' */
static Expr *paren(Parser *P)
{
    Token start = P->tok;
    next(P);
    Expr *e = new_expr(P, EX_TUPLE, &start);
    if (accept(P, TOK_RPAREN)) {
        e->span = span_from(P, &start);
        return e;
    }
    bool saved = P->in_pred;
    P->in_pred = false; /* `/` divides inside parentheses */
    Expr *first = expr(P);
    if (!at(P, TOK_COMMA)) {
        P->in_pred = saved;
        if (!accept(P, TOK_RPAREN))
            expected(P, "`)` or `,`");
        return first;
    }
    VEC(Expr *) el = {0};
    avec_push(P->a, el, first);
    while (accept(P, TOK_COMMA))
        avec_push(P->a, el, expr(P));
    e->nargs = el.n;
    e->args = el.v;
    P->in_pred = saved;
    if (!accept(P, TOK_RPAREN))
        expected(P, "`,` or `)` in the tuple");
    e->span = span_from(P, &start);
    return e;
}

/* '-' INT | '-' FLOAT | '-inf' | '-NaN', the '-' touching the number */
static Expr *negative(Parser *P)
{
    Token start = P->tok;
    next(P);
    if (P->tok.off != start.off + 1)
        fail_at(P, tok_span(P, &start), "there is no unary minus: a "
                "negative literal is written `-5` (no space)");
    if (at(P, TOK_INT))
        return int_lit(P, &start, true);
    if (at(P, TOK_FLOAT))
        return float_lit(P, &start, true);
    if (at(P, TOK_ID))
        return named_float(P, &start);
    fail_at(P, tok_span(P, &start), "there is no unary minus: write "
            "`0 - x` or a negative literal such as `-5`");
}

/* primary := lib_call | fn_call | get_map | get_tuple | ID | '(' ... ')'
 *          | BOOL | FLOAT | INT | STRING | '-' (INT | FLOAT) */
static Expr *primary(Parser *P)
{
    Token start = P->tok;
    switch (P->tok.kind) {
    case TOK_ID:
        return name_primary(P);
    case TOK_AT:
        return annotated_call(P);
    case TOK_LPAREN:
        return paren(P);
    case TOK_INT:
        return int_lit(P, &start, false);
    case TOK_FLOAT:
        return float_lit(P, &start, false);
    case TOK_MINUS:
        return negative(P);
    case TOK_STRING:
        return string_lit(P);
    case TOK_TRUE:
    case TOK_FALSE: {
        Expr *e = new_expr(P, EX_BOOL, &start);
        e->bits = at(P, TOK_TRUE);
        next(P);
        return e;
    }
    default:
        expected(P, "an expression");
    }
}

/* PRIMITIVE_TYPE := u8 | i8 | ... | str | funcref   (after `as`) */
static const Type *cast_type(Parser *P)
{
    if (!at(P, TOK_ID))
        expected(P, "a primitive type after `as`");
    size_t eo;
    char err[160];
    const Type *t = ty_parse(P->a, P->src + P->tok.off, P->tok.len, false,
                             &eo, err, sizeof err);
    if (!t)
        type_error(P, err);
    next(P);
    return t;
}

/* operand := ('!' | '~')? primary ('as' PRIMITIVE_TYPE)? */
static Expr *operand(Parser *P)
{
    Token start = P->tok;
    Expr *pre = NULL;
    if (at(P, TOK_BANG) || at(P, TOK_TILDE)) {
        pre = new_expr(P, EX_UNARY, &start);
        pre->uop = at(P, TOK_BANG) ? UN_NOT : UN_BNOT;
        next(P);
        if (at(P, TOK_BANG) || at(P, TOK_TILDE))
            fail_at(P, tok_span(P, &P->tok), "only one prefix operator is "
                    "allowed per operand; write `!(!x)`");
    }
    Token pstart = P->tok;
    Expr *e = primary(P);
    if (accept(P, TOK_AS)) {
        Expr *c = new_expr(P, EX_CAST, &pstart);
        c->a = e;
        c->cast_ty = cast_type(P);
        c->span = span_from(P, &pstart);
        if (at(P, TOK_AS))
            fail_at(P, tok_span(P, &P->tok), "only one cast is allowed per "
                    "operand; write `(x as T) as U`");
        e = c;
    }
    if (!pre)
        return e;
    pre->a = e;
    pre->span = span_from(P, &start);
    return pre;
}

/* rhs := expr ('?' expr ':' expr)? */
static Expr *rhs(Parser *P)
{
    Token start = P->tok;
    Expr *c = expr(P);
    if (!accept(P, TOK_QUESTION))
        return c;
    Expr *e = new_expr(P, EX_TERNARY, &start);
    e->a = c;
    e->b = expr(P);
    expect(P, TOK_COLON);
    e->c = expr(P);
    e->span = span_from(P, &start);
    return e;
}

/* ---- statements ------------------------------------------------------------ */

static Block block(Parser *P);
static Stmt *if_stmt(Parser *P);

/* ID in a declaration: not `arg` followed by a digit. */
static const char *decl_name(Parser *P, Span *sp)
{
    if (!at(P, TOK_ID))
        expected(P, "a variable name");
    const char *n = tok_text(P, &P->tok);
    *sp = tok_span(P, &P->tok);
    if (strncmp(n, "arg", 3) == 0 && n[3] >= '0' && n[3] <= '9')
        fail_at(P, *sp, "a declared name cannot start with `arg` and a "
                "digit (those name bound variables)");
    next(P);
    return n;
}

/* special_decl := ('report' | 'unshared')+ decl ;
 * decl := 'var' ID ':' TYPE ; decl_init := ... '=' rhs */
static Stmt *decl(Parser *P)
{
    Token start = P->tok;
    Stmt *s = new_stmt(P, ST_DECL, &start);
    for (;;) {
        bool *flag = at(P, TOK_REPORT) ? &s->is_report
                     : at(P, TOK_UNSHARED) ? &s->is_unshared : NULL;
        if (!flag)
            break;
        if (*flag)
            fail_at(P, tok_span(P, &P->tok), "`%s` is written twice; "
                    "write it once", lex_tok_name(P->tok.kind));
        *flag = true;
        next(P);
    }
    expect(P, TOK_VAR);
    s->name = decl_name(P, &s->name_span);
    expect(P, TOK_COLON);
    s->decl_ty = type(P);
    if (accept(P, TOK_ASSIGN))
        s->rhs = rhs(P);
    s->span = span_from(P, &start);
    return s;
}

/* ret := 'return' expr? */
static Stmt *ret(Parser *P)
{
    Token start = P->tok;
    Stmt *s = new_stmt(P, ST_RETURN, &start);
    next(P);
    if (!at(P, TOK_SEMI))
        s->rhs = expr(P);
    s->span = span_from(P, &start);
    return s;
}

/* assignment | incr | decr | fn_call | lib_call */
static Stmt *simple(Parser *P)
{
    Token start = P->tok;
    Expr *lhs = primary(P);
    Stmt *s = new_stmt(P, ST_ASSIGN, &start);
    s->lhs = lhs;
    bool place = lhs->kind == EX_ID || lhs->kind == EX_INDEX;
    if (accept(P, TOK_ASSIGN)) {
        if (!place && lhs->kind != EX_FIELD)
            fail_at(P, lhs->span, "this cannot be assigned to");
        s->rhs = rhs(P);
    } else if (at(P, TOK_INC) || at(P, TOK_DEC)) {
        if (!place)
            fail_at(P, lhs->span, "only a variable or `m[k]` can be "
                    "incremented or decremented");
        s->kind = at(P, TOK_INC) ? ST_INCR : ST_DECR;
        next(P);
    } else if (lhs->kind == EX_CALL || lhs->kind == EX_LIBCALL) {
        s->kind = ST_CALL;
        s->rhs = lhs;
        s->lhs = NULL;
    } else {
        expected(P, "`=`, `++`, `--` or a call");
    }
    s->span = span_from(P, &start);
    return s;
}

/* A `;` that is missing where the statement ends, before a `}`, the end
 * of the file or the next line: reported just after the last token, with
 * the fix, and parsing goes on as if it were there. */
static void missing_semi(Parser *P)
{
    Span sp = {P->file, P->prev_line, P->prev_col, 1};
    Diag *d = syntax_error(P, sp, "expected `;` at the end of the "
                           "statement");
    uint32_t n = P->prev_end - P->prev_start;
    if (d)
        diag_note(P->sink, d, (Span){0}, "insert `;` after `%.*s%s`",
                  (int)(n > 40 ? 40 : n), P->src + P->prev_start,
                  n > 40 ? "..." : "");
}

/* The `;` ending a statement. */
static void end_statement(Parser *P)
{
    if (accept(P, TOK_SEMI))
        return;
    if (at(P, TOK_RBRACE) || at(P, TOK_EOF) || P->tok.line > P->prev_line)
        missing_semi(P);
    else
        expected(P, "`;` after the statement");
}

/* statement := (...) ';' */
static Stmt *statement(Parser *P)
{
    Stmt *s;
    if (at(P, TOK_VAR) || at(P, TOK_REPORT) || at(P, TOK_UNSHARED))
        s = decl(P);
    else if (at(P, TOK_RETURN))
        s = ret(P);
    else if (at(P, TOK_ID) || at(P, TOK_AT))
        s = simple(P);
    else
        expected(P, "a statement");
    end_statement(P);
    return s;
}

/* ---- error recovery ------------------------------------------------------ */

typedef void (*ParseFn)(Parser *P, void *out);

/* Runs fn as a recovery point: a syntax error inside it unwinds to here
 * and protect returns false, with the cursor where the error was found.
 * (Locals set before setjmp are not changed after it: no `volatile`.) */
static bool protect(Parser *P, ParseFn fn, void *out)
{
    jmp_buf here, *outer = P->jb;
    unsigned depth = P->depth;
    bool in_pred = P->in_pred;
    P->jb = &here;
    if (setjmp(here)) {
        P->jb = outer;
        P->depth = depth;
        P->in_pred = in_pred;
        return false;
    }
    fn(P, out);
    P->jb = outer;
    return true;
}

/* After an error in a statement: skips to just after its `;`, or past a
 * `{ ... }` the broken statement opened (an `if`), or to the `}` closing
 * the enclosing block, which is kept (at the top level, eaten). */
static void skip_statement(Parser *P, bool top)
{
    unsigned depth = 0;
    for (;;) {
        TokKind k = P->tok.kind;
        if (k == TOK_EOF || (k == TOK_RBRACE && depth == 0 && !top))
            return;
        next(P);
        if (k == TOK_LBRACE)
            depth++;
        else if (k == TOK_RBRACE && (depth == 0 || --depth == 0))
            return;
        else if (k == TOK_SEMI && depth == 0)
            return;
    }
}

/* After an error in a probe's or function's header: skips to its body's
 * `{` (the body is still parsed, so its own errors are reported), or past
 * a stray `}`. False when no body follows. */
static bool skip_to_body(Parser *P)
{
    while (!at(P, TOK_LBRACE) && !at(P, TOK_EOF)) {
        bool stray = at(P, TOK_RBRACE);
        next(P);
        if (stray)
            return false;
    }
    return at(P, TOK_LBRACE);
}

/* if_stmt | statement */
static Stmt *block_item(Parser *P)
{
    return at(P, TOK_IF) ? if_stmt(P) : statement(P);
}

static void block_item_into(Parser *P, void *out)
{
    *(Stmt **)out = block_item(P);
}

static bool rule_ahead(const Parser *P);

/* A probe rule at the start of a line inside a block: the block's `}` is
 * missing.  Reported, and the block ends there, so the next probe is
 * parsed as one. */
static bool probe_starts(Parser *P)
{
    if (!at(P, TOK_ID) || P->tok.col != 1 || !rule_ahead(P))
        return false;
    Span sp = {P->file, P->prev_line, P->prev_col, 1};
    Diag *d = syntax_error(P, sp, "expected `}` to close the block before "
                           "the next probe");
    if (d)
        diag_note(P->sink, d, (Span){0}, "insert `}` before line %u",
                  P->tok.line);
    return true;
}

/* block := '{' (if_stmt | statement)* '}'   -- a statement with a syntax
 * error is left out and parsing resumes after it */
static Block block(Parser *P)
{
    enter(P);
    expect(P, TOK_LBRACE);
    VEC(Stmt *) v = {0};
    bool unclosed = false;
    while (!at(P, TOK_RBRACE) && !at(P, TOK_EOF) &&
           !(unclosed = probe_starts(P))) {
        Stmt *st;
        if (protect(P, block_item_into, &st))
            avec_push(P->a, v, st);
        else
            skip_statement(P, false);
    }
    Block b = {NULL, v.n};
    if (v.n)
        b.v = v.v;
    if (!unclosed && !accept(P, TOK_RBRACE))
        expected(P, "`}`");
    P->depth--;
    return b;
}

/* The `(expr) block` part of if / elif. */
static Stmt *cond_block(Parser *P, const Token *start)
{
    Stmt *s = new_stmt(P, ST_IF, start);
    next(P);
    expect(P, TOK_LPAREN);
    s->rhs = expr(P);
    expect(P, TOK_RPAREN);
    s->then_b = block(P);
    return s;
}

/* if_stmt := 'if' '(' expr ')' block (else_part | elif_part)?
 * elif_part := 'elif' '(' expr ')' block (else_part | elif_part)? */
static Stmt *if_stmt(Parser *P)
{
    Token start = P->tok;
    enter(P);
    Stmt *s = cond_block(P, &start);
    if (at(P, TOK_ELIF)) {
        Stmt *e = if_stmt(P);
        s->else_b.v = arena_dup(P->a, &e, sizeof e);
        s->else_b.n = 1;
        s->else_is_elif = true;
    } else if (accept(P, TOK_ELSE)) {
        s->else_b = block(P);
    }
    s->span = span_from(P, &start);
    P->depth--;
    return s;
}

/* ---- top level ------------------------------------------------------------- */

/* param := ID ':' TYPE ; a list `(p, ...)` with the '(' eaten */
static ParamList params(Parser *P, bool allow_empty)
{
    VEC(Param) v = {0};
    if (!(allow_empty && at(P, TOK_RPAREN))) {
        do {
            Param p;
            if (!at(P, TOK_ID))
                expected(P, "a parameter name");
            p.name = tok_text(P, &P->tok);
            p.span = tok_span(P, &P->tok);
            next(P);
            expect(P, TOK_COLON);
            p.ty = type(P);
            avec_push(P->a, v, p);
        } while (accept(P, TOK_COMMA));
    }
    ParamList l = {NULL, v.n};
    if (v.n)
        l.v = v.v;
    if (!accept(P, TOK_RPAREN))
        expected(P, "`,` or `)` after the parameter");
    return l;
}

/* 'fn' ID '(' (param (',' param)*)? ')' ('->' TYPE)?  -- out: FnDef */
static void fn_head(Parser *P, void *out)
{
    FnDef *f = out;
    next(P);
    if (!at(P, TOK_ID))
        expected(P, "a function name");
    f->name = tok_text(P, &P->tok);
    f->span = tok_span(P, &P->tok);
    next(P);
    expect(P, TOK_LPAREN);
    f->params = params(P, true);
    if (accept(P, TOK_ARROW))
        f->ret = type(P);
    if (!at(P, TOK_LBRACE))
        expected(P, "`{` to open the function body");
}

/* fn_def := fn_head block   -- NULL after an error in the head (the body
 * is still parsed for its own errors) */
static FnDef *fn_def(Parser *P)
{
    FnDef *f = arena_alloc(P->a, sizeof *f);
    if (!protect(P, fn_head, f)) {
        if (skip_to_body(P))
            block(P);
        return NULL;
    }
    f->body = block(P);
    return f;
}

/* Whether the text at the cursor is a probe rule: PROBE_ID chars, maybe
 * a parenthesised type bound, then `:` (or a rule starting with `:`). */
static bool rule_ahead(const Parser *P)
{
    uint32_t i = P->tok.off;
    while (i < P->len && lex_is_rule_char((unsigned char)P->src[i]))
        i++;
    if (i < P->len && P->src[i] == '(') {
        int depth = 0;
        for (; i < P->len; i++) {
            if (P->src[i] == '(')
                depth++;
            else if (P->src[i] == ')' && --depth == 0)
                break;
            else if (strchr(";{}", P->src[i]))
                return false;
        }
        i++;
    }
    while (i < P->len && strchr(" \t\r\n", P->src[i]))
        i++;
    return i < P->len && P->src[i] == ':';
}

/* One rule part and its optional type bound; the cursor is raw. */
static void rule_part(Parser *P, Probe *pr)
{
    uint32_t k = pr->nparts++;
    Token t = lex_rule_part(&P->lx);
    pr->part[k] = tok_text(P, &t);
    pr->part_span[k] = tok_span(P, &t);
    /* the rule's span ends here so far */
    P->prev_start = t.off;
    P->prev_end = t.off + t.len;
    P->prev_line = t.line;
    P->prev_col = t.col + t.len;
    if (lex_peek_char(&P->lx) == '(') {
        P->tok = lex_next(&P->lx);
        next(P);
        pr->bounds[k] = params(P, false);
        lex_seek(&P->lx, &P->tok); /* back to raw at the next token */
    }
    lex_skip_space(&P->lx);
}

/* PROBE_RULE := part TB? (':' part TB?){1,3} */
static void probe_rule(Parser *P, Probe *pr)
{
    Token start = P->tok;
    lex_seek(&P->lx, &P->tok);
    for (;;) {
        if (pr->nparts == 4) {
            P->tok = lex_next(&P->lx);
            fail_at(P, tok_span(P, &P->tok), "a probe rule has at most 4 "
                    "parts (provider:package:event:mode)");
        }
        rule_part(P, pr);
        if (lex_peek_char(&P->lx) != ':')
            break;
        lex_next(&P->lx);
    }
    P->tok = lex_next(&P->lx);
    pr->span = span_from(P, &start);
    if (pr->nparts == 2 && (!*pr->part[0] || !*pr->part[1]))
        fail_at(P, pr->span, "a two-part rule names a provider and a "
                "package: neither part can be empty");
}

/* PROBE_RULE ('/' expr '/')?   -- out: Probe */
static void probe_head(Parser *P, void *out)
{
    Probe *pr = out;
    probe_rule(P, pr);
    if (accept(P, TOK_SLASH)) {
        P->in_pred = true;
        pr->pred = expr(P);
        P->in_pred = false;
        if (!accept(P, TOK_SLASH))
            expected(P, "`/` to close the predicate");
    }
    if (!at(P, TOK_LBRACE))
        expected(P, "`{` to open the probe body (or `/predicate/`)");
}

/* probe_def := probe_head block   -- NULL after an error in the head (the
 * body is still parsed for its own errors) */
static Probe *probe_def(Parser *P)
{
    Probe *pr = arena_alloc(P->a, sizeof *pr);
    P->seen_probe = true;
    if (!protect(P, probe_head, pr)) {
        if (skip_to_body(P))
            block(P);
        return NULL;
    }
    pr->body = block(P);
    return pr;
}

/* lib_import := 'use' ID ';' */
static Stmt *lib_import(Parser *P)
{
    Token start = P->tok;
    if (P->seen_probe)
        fail_at(P, tok_span(P, &start), "`use` must come before the first "
                "probe");
    Stmt *s = new_stmt(P, ST_USE, &start);
    next(P);
    if (!at(P, TOK_ID))
        expected(P, "a library name after `use`");
    s->name = tok_text(P, &P->tok);
    s->name_span = tok_span(P, &P->tok);
    next(P);
    end_statement(P);
    s->span = span_from(P, &start);
    return s;
}

/* top_pre / top_post: one item */
static Item top_item(Parser *P)
{
    Item it;
    memset(&it, 0, sizeof it);
    if (at(P, TOK_USE)) {
        it.stmt = lib_import(P);
    } else if (at(P, TOK_FN)) {
        it.kind = ITEM_FN;
        it.fn = fn_def(P);
    } else if (at(P, TOK_IF)) {
        it.stmt = if_stmt(P);
    } else if (!at(P, TOK_VAR) && !at(P, TOK_REPORT) &&
               !at(P, TOK_UNSHARED) && !at(P, TOK_RETURN) &&
               !at(P, TOK_AT) && !at(P, TOK_EOF) && rule_ahead(P)) {
        it.kind = ITEM_PROBE;
        it.probe = probe_def(P);
    } else {
        it.stmt = statement(P);
    }
    return it;
}

static void top_item_into(Parser *P, void *out)
{
    *(Item *)out = top_item(P);
}

/* script := top_pre* probe_def top_post*   -- an item with a syntax error
 * is left out and parsing resumes after it */
static void script(Parser *P, Script *s)
{
    VEC(Item) items = {0};
    while (!at(P, TOK_EOF)) {
        Item it;
        if (!protect(P, top_item_into, &it))
            skip_statement(P, true);
        else if (it.stmt || it.fn || it.probe)
            avec_push(P->a, items, it);
    }
    s->items = items.v;
    s->nitems = items.n;
    /* reported at the top of the file: the end may be far away */
    Span top = {P->file, 1, 1, 0};
    if (!P->seen_probe)
        fail_at(P, top, "a script needs at least one probe "
                "(e.g. `wasm:opcode:call:before { ... }`)");
}

static void parser_init(Parser *P, Arena *a, DiagSink *sink,
                        const char *file, const char *src, size_t len)
{
    memset(P, 0, sizeof *P);
    P->a = a;
    P->sink = sink;
    P->file = file;
    P->src = src;
    P->len = len;
    lex_init(&P->lx, src, len);
}

Script *parse_script(Arena *a, DiagSink *sink, const char *file,
                     const char *src, size_t len)
{
    Parser P;
    parser_init(&P, a, sink, file, src, len);
    Script *s = arena_alloc(a, sizeof *s);
    s->file = file;
    jmp_buf stop;
    P.jb = P.top = &stop;
    if (setjmp(stop))
        return NULL;
    P.tok = lex_next(&P.lx);
    script(&P, s);
    return P.nerrors ? NULL : s;
}

Expr *parse_expr_text(Arena *a, DiagSink *sink, const char *file,
                      const char *src, size_t len)
{
    Parser P;
    parser_init(&P, a, sink, file, src, len);
    jmp_buf stop;
    P.jb = P.top = &stop;
    if (setjmp(stop))
        return NULL;
    P.tok = lex_next(&P.lx);
    Expr *e = rhs(&P); /* a derived_from may be a conditional */
    if (!at(&P, TOK_EOF))
        expected(&P, "the end of the expression");
    return e;
}
