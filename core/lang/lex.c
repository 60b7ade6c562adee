/* lex.c -- the lexer of whamm scripts.
 *
 * Tokens are produced on demand; the parser keeps one of lookahead and can
 * seek back to a token's start (probe rules are scanned from raw text, see
 * parse.c).  Errors are TOK_ERROR tokens carrying a message, so only the
 * parser decides when to stop.  Literal *values* are decoded by the parser;
 * here we only find where a literal ends. */
#include "lang.h"

#include <string.h>

static const char *const tok_names[] = {
#define TOK(Name, spelling) spelling,
#include "tokens.def"
};
_Static_assert(ARRAY_LEN(tok_names) == TOK_COUNT, "token names");

const char *lex_tok_name(TokKind k) { return tok_names[k]; }

/* PROBE_ID characters: those a probe rule may contain. */
static bool is_rule_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c > 0 && strchr("_.*+\\?|![]", c));
}

bool lex_is_rule_char(int c) { return is_rule_char(c); }

void lex_init(Lexer *l, const char *src, size_t len)
{
    memset(l, 0, sizeof *l);
    l->src = src;
    l->len = len;
    l->line = 1;
    l->prev = TOK_EOF;
}

void lex_seek(Lexer *l, const Token *tok)
{
    l->pos = tok->off;
    l->line = tok->line;
    l->line_start = tok->off - (tok->col - 1);
    l->prev = TOK_EOF;
}

static int peekc(const Lexer *l, size_t ahead)
{
    size_t i = l->pos + ahead;
    return i < l->len ? (unsigned char)l->src[i] : -1;
}

static void advance(Lexer *l)
{
    if (l->src[l->pos] == '\n') {
        l->line++;
        l->line_start = l->pos + 1;
    }
    l->pos++;
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }

/* Block comments nest: `/ * a / * b * / c * /` is one. */
static bool skip_block_comment(Lexer *l)
{
    unsigned depth = 0;
    do {
        if (peekc(l, 0) < 0)
            return false;
        if (peekc(l, 0) == '/' && peekc(l, 1) == '*') {
            depth++;
            advance(l);
        } else if (peekc(l, 0) == '*' && peekc(l, 1) == '/') {
            depth--;
            advance(l);
        }
        advance(l);
    } while (depth > 0);
    return true;
}

bool lex_skip_space(Lexer *l)
{
    for (;;) {
        int c = peekc(l, 0);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            advance(l);
        } else if (c == '/' && peekc(l, 1) == '/') {
            while (peekc(l, 0) >= 0 && peekc(l, 0) != '\n')
                advance(l);
        } else if (c == '/' && peekc(l, 1) == '*') {
            if (!skip_block_comment(l))
                return false;
        } else {
            return true;
        }
    }
}

/* Operators, longest first. */
static const struct {
    const char *text;
    TokKind kind;
} puncts[] = {
    {"->", TOK_ARROW}, {"++", TOK_INC}, {"--", TOK_DEC}, {"<<", TOK_SHL},
    {">>", TOK_SHR}, {"&&", TOK_ANDAND}, {"||", TOK_OROR}, {"==", TOK_EQ},
    {"!=", TOK_NE}, {">=", TOK_GE}, {"<=", TOK_LE}, {":", TOK_COLON},
    {";", TOK_SEMI}, {",", TOK_COMMA}, {".", TOK_DOT}, {"(", TOK_LPAREN},
    {")", TOK_RPAREN}, {"{", TOK_LBRACE}, {"}", TOK_RBRACE},
    {"[", TOK_LBRACK}, {"]", TOK_RBRACK}, {"?", TOK_QUESTION},
    {"@", TOK_AT}, {"=", TOK_ASSIGN}, {"+", TOK_PLUS}, {"-", TOK_MINUS},
    {"*", TOK_STAR}, {"/", TOK_SLASH}, {"%", TOK_PERCENT}, {"&", TOK_AMP},
    {"|", TOK_PIPE}, {"^", TOK_CARET}, {">", TOK_GT}, {"<", TOK_LT},
    {"!", TOK_BANG}, {"~", TOK_TILDE},
};

static TokKind keyword(const char *s, size_t n)
{
#define TOK(Name, spelling)
#define KW(Name, spelling)                                                 \
    if (n == sizeof(spelling) - 1 && memcmp(s, spelling, n) == 0)          \
        return TOK_##Name;
#include "tokens.def"
    return TOK_ID;
}

static TokKind error(Token *t, const char *msg)
{
    t->msg = msg;
    return TOK_ERROR;
}

static void digits(Lexer *l, bool underscores)
{
    while (is_digit(peekc(l, 0)) || (underscores && peekc(l, 0) == '_'))
        advance(l);
}

/* hex / binary: 0x... 0b..., no underscores */
static TokKind radix_int(Lexer *l, Token *t, bool hex)
{
    advance(l);
    advance(l);
    size_t start = l->pos;
    for (int c = peekc(l, 0);
         hex ? (is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
             : (c == '0' || c == '1');
         c = peekc(l, 0))
        advance(l);
    if (l->pos == start)
        return error(t, hex ? "expected hex digits after `0x`"
                            : "expected binary digits after `0b`");
    if (is_alnum(peekc(l, 0)))
        return error(t, "invalid digit in an integer literal");
    return TOK_INT;
}

/* Exponent part `[eE][+-]?[0-9]+`, if present. */
static bool exponent(Lexer *l)
{
    int c = peekc(l, 0);
    if (c != 'e' && c != 'E')
        return false;
    size_t sign = (peekc(l, 1) == '+' || peekc(l, 1) == '-') ? 1 : 0;
    if (!is_digit(peekc(l, 1 + sign)))
        return false;
    advance(l);
    if (sign)
        advance(l);
    digits(l, false);
    return true;
}

/* `1.e5`: a dot followed by an exponent still belongs to the number. */
static bool exp_after_dot(const Lexer *l)
{
    int c = peekc(l, 1), d = peekc(l, 2);
    if (c != 'e' && c != 'E')
        return false;
    if (d == '+' || d == '-')
        d = peekc(l, 3);
    return is_digit(d);
}

/* decimal ints and floats; the sign is the parser's. */
static TokKind number(Lexer *l, Token *t)
{
    int c0 = peekc(l, 0), c1 = peekc(l, 1);
    if (c0 == '0' && (c1 == 'x' || c1 == 'X'))
        return radix_int(l, t, true);
    if (c0 == '0' && (c1 == 'b' || c1 == 'B'))
        return radix_int(l, t, false);
    digits(l, true);
    if (l->prev == TOK_DOT) /* `t.0.1`: tuple indices, never floats */
        return TOK_INT;
    bool is_float = false;
    if (peekc(l, 0) == '.' && (!is_alpha(peekc(l, 1)) || exp_after_dot(l))) {
        advance(l);
        digits(l, false);
        is_float = true;
    }
    if (exponent(l))
        is_float = true;
    if (is_alpha(peekc(l, 0)))
        return error(t, "invalid character in a number");
    if (!is_float && c0 == '0' && l->pos - t->off > 1)
        return error(t, "integer literals cannot have a leading zero");
    return is_float ? TOK_FLOAT : TOK_INT;
}

/* Finds the end of a string literal; escapes are checked by the parser. */
static TokKind string(Lexer *l, Token *t)
{
    advance(l);
    for (;;) {
        int c = peekc(l, 0);
        if (c < 0 || c == '\n')
            return error(t, "unterminated string literal");
        advance(l);
        if (c == '"')
            return TOK_STRING;
        if (c == '\\' && peekc(l, 0) >= 0 && peekc(l, 0) != '\n')
            advance(l);
    }
}

static TokKind word(Lexer *l)
{
    size_t start = l->pos;
    while (is_alnum(peekc(l, 0)))
        advance(l);
    /* `map<` is one token: `map <` is not a map type */
    if (l->pos - start == 3 && memcmp(l->src + start, "map", 3) == 0 &&
        peekc(l, 0) == '<') {
        advance(l);
        return TOK_MAPLT;
    }
    return keyword(l->src + start, l->pos - start);
}

static TokKind punct(Lexer *l, Token *t)
{
    for (size_t i = 0; i < ARRAY_LEN(puncts); i++) {
        size_t n = strlen(puncts[i].text);
        if (l->pos + n <= l->len &&
            memcmp(l->src + l->pos, puncts[i].text, n) == 0) {
            for (size_t k = 0; k < n; k++)
                advance(l);
            return puncts[i].kind;
        }
    }
    advance(l);
    return error(t, "unexpected character");
}

Token lex_rule_part(Lexer *l)
{
    Token t;
    memset(&t, 0, sizeof t);
    t.kind = TOK_ID;
    t.off = (uint32_t)l->pos;
    t.line = l->line;
    t.col = (uint32_t)(l->pos - l->line_start + 1);
    while (is_rule_char(peekc(l, 0)))
        advance(l);
    t.len = (uint32_t)(l->pos - t.off);
    l->prev = TOK_ID;
    return t;
}

int lex_peek_char(const Lexer *l) { return peekc(l, 0); }

Token lex_next(Lexer *l)
{
    Token t;
    memset(&t, 0, sizeof t);
    bool ok = lex_skip_space(l);
    t.off = (uint32_t)l->pos;
    t.line = l->line;
    t.col = (uint32_t)(l->pos - l->line_start + 1);
    int c = peekc(l, 0);
    if (!ok)
        t.kind = error(&t, "unterminated block comment");
    else if (c < 0)
        t.kind = TOK_EOF;
    else if (is_digit(c))
        t.kind = number(l, &t);
    else if (is_alpha(c))
        t.kind = word(l);
    else if (c == '"')
        t.kind = string(l, &t);
    else
        t.kind = punct(l, &t);
    t.len = (uint32_t)(l->pos - t.off);
    if (t.len == 0 && t.kind == TOK_ERROR && l->pos < l->len) {
        advance(l); /* always make progress */
        t.len = 1;
    }
    l->prev = t.kind;
    return t;
}

bool lex_is_literal(const char *src, size_t len)
{
    Lexer l;
    lex_init(&l, src, len);
    Token t = lex_next(&l);
    if (t.kind == TOK_MINUS) {
        t = lex_next(&l);
        if (t.kind != TOK_INT && t.kind != TOK_FLOAT)
            return false;
    }
    bool lit = t.kind == TOK_INT || t.kind == TOK_FLOAT ||
               t.kind == TOK_STRING || t.kind == TOK_TRUE ||
               t.kind == TOK_FALSE;
    return lit && lex_next(&l).kind == TOK_EOF;
}
