/* print.c -- prints a (checked or folded) script as whamm source that
 * parse_script reads back to the same tree (the grammar is parse.c's).
 * Binary operands that are themselves binary get
 * parentheses, so priorities never need to be reconstructed.  In `types`
 * mode names, calls, map reads and tuple elements are followed by their
 * checked type in a comment (`pc/ *:u32* /`), which the lexer skips. */
#include "lang.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const binop_spelling[] = {
#define BINOP(Name, tok, prio, foldable, spelling) spelling,
#include "binops.def"
};
_Static_assert(ARRAY_LEN(binop_spelling) == BIN_COUNT, "binop spellings");

static void expr(Buf *b, const Expr *e, bool types);

static void print_int(Buf *b, LangInt v)
{
    char tmp[48];
    int n = 0;
    LangUInt u = v < 0 ? -(LangUInt)v : (LangUInt)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    if (v < 0)
        buf_push(b, '-');
    while (n)
        buf_push(b, (uint8_t)tmp[--n]);
}

/* A float spelling that lexes back to the same value and type. */
static void print_float(Buf *b, const Expr *e)
{
    double v = e->fval;
    if (isnan(v)) {
        buf_printf(b, "-NaN");
        return;
    }
    if (isinf(v)) {
        buf_printf(b, v < 0 ? "-inf" : "1e999");
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, e->is_f64 ? "%.17g" : "%.9g", v);
    buf_printf(b, "%s", tmp);
    if (!strpbrk(tmp, ".e"))
        buf_printf(b, ".0");
}

static void print_str(Buf *b, const char *s, uint32_t n)
{
    buf_push(b, '"');
    for (uint32_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_printf(b, "\\\""); break;
        case '\\': buf_printf(b, "\\\\"); break;
        case '\n': buf_printf(b, "\\n"); break;
        case '\r': buf_printf(b, "\\r"); break;
        case '\t': buf_printf(b, "\\t"); break;
        case 0: buf_printf(b, "\\0"); break;
        default:
            if (c < 0x20 || c == 0x7f)
                buf_printf(b, "\\u{%x}", c);
            else
                buf_push(b, c);
        }
    }
    buf_push(b, '"');
}

static void type_note(Buf *b, const Expr *e, bool types)
{
    if (!types || !e->ty)
        return;
    buf_printf(b, "/*:");
    ty_print(b, e->ty);
    buf_printf(b, "*/");
}

static void args(Buf *b, Expr *const *v, uint32_t n, bool types)
{
    buf_push(b, '(');
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            buf_printf(b, ", ");
        expr(b, v[i], types);
    }
    buf_push(b, ')');
}

/* An operand of a prefix operator or cast: plain when it is a primary. */
static void operand(Buf *b, const Expr *e, bool types)
{
    bool plain = e->kind != EX_BINARY && e->kind != EX_TERNARY &&
                 e->kind != EX_UNARY && e->kind != EX_CAST;
    if (!plain)
        buf_push(b, '(');
    expr(b, e, types);
    if (!plain)
        buf_push(b, ')');
}

static void binary_side(Buf *b, const Expr *e, bool types)
{
    bool paren = e->kind == EX_BINARY || e->kind == EX_TERNARY;
    if (paren)
        buf_push(b, '(');
    expr(b, e, types);
    if (paren)
        buf_push(b, ')');
}

static void expr(Buf *b, const Expr *e, bool types)
{
    switch (e->kind) {
    case EX_INT: print_int(b, e->ival); return;
    case EX_FLOAT: print_float(b, e); return;
    case EX_BOOL: buf_printf(b, e->bits ? "true" : "false"); return;
    case EX_STR: print_str(b, e->str, e->slen); return;
    case EX_ID: buf_printf(b, "%s", e->name); break;
    case EX_TUPLE: args(b, e->args, e->nargs, types); return;
    case EX_INDEX:
        expr(b, e->a, false);
        buf_push(b, '[');
        expr(b, e->b, types);
        buf_push(b, ']');
        break;
    case EX_FIELD:
        expr(b, e->a, false);
        buf_printf(b, ".%u", e->index);
        break;
    case EX_CALL:
        buf_printf(b, "%s", e->name);
        args(b, e->args, e->nargs, types);
        break;
    case EX_LIBCALL:
        if (e->annot)
            buf_printf(b, "@%s ", e->annot);
        buf_printf(b, "%s.%s", e->recv, e->name);
        args(b, e->args, e->nargs, types);
        break;
    case EX_UNARY:
        buf_push(b, e->uop == UN_NOT ? '!' : '~');
        if (e->a->kind == EX_CAST && e->a->a->kind != EX_UNARY)
            expr(b, e->a, types); /* `!x as T` is `!(x as T)` */
        else
            operand(b, e->a, types);
        return;
    case EX_CAST:
        operand(b, e->a, types);
        buf_printf(b, " as ");
        ty_print(b, e->cast_ty);
        return;
    case EX_BINARY:
        binary_side(b, e->a, types);
        buf_printf(b, " %s ", binop_spelling[e->bop]);
        binary_side(b, e->b, types);
        return;
    case EX_TERNARY:
        binary_side(b, e->a, types);
        buf_printf(b, " ? ");
        binary_side(b, e->b, types);
        buf_printf(b, " : ");
        binary_side(b, e->c, types);
        return;
    default:
        return;
    }
    type_note(b, e, types);
}

void parse_print_expr(Buf *out, const Expr *e, bool types)
{
    expr(out, e, types);
}

static void indent_to(Buf *b, int indent)
{
    for (int i = 0; i < indent; i++)
        buf_printf(b, "    ");
}

static void stmt(Buf *b, const Stmt *s, int indent, bool types);

static void if_chain(Buf *b, const Stmt *s, int indent, bool types)
{
    buf_printf(b, "if (");
    expr(b, s->rhs, types);
    buf_printf(b, ") ");
    parse_print_block(b, &s->then_b, indent, types);
    if (s->else_is_elif) {
        buf_printf(b, " el");
        if_chain(b, s->else_b.v[0], indent, types);
    } else if (s->else_b.n) {
        buf_printf(b, " else ");
        parse_print_block(b, &s->else_b, indent, types);
    }
}

static void decl(Buf *b, const Stmt *s, bool types)
{
    if (s->is_report)
        buf_printf(b, "report ");
    if (s->is_unshared)
        buf_printf(b, "unshared ");
    buf_printf(b, "var %s: ", s->name);
    ty_print(b, s->decl_ty);
    if (s->rhs) {
        buf_printf(b, " = ");
        expr(b, s->rhs, types);
    }
}

static void stmt(Buf *b, const Stmt *s, int indent, bool types)
{
    indent_to(b, indent);
    switch (s->kind) {
    case ST_DECL: decl(b, s, types); break;
    case ST_ASSIGN:
        expr(b, s->lhs, types);
        buf_printf(b, " = ");
        expr(b, s->rhs, types);
        break;
    case ST_INCR:
    case ST_DECR:
        expr(b, s->lhs, types);
        buf_printf(b, s->kind == ST_INCR ? "++" : "--");
        break;
    case ST_CALL: expr(b, s->rhs, types); break;
    case ST_RETURN:
        buf_printf(b, s->rhs ? "return " : "return");
        if (s->rhs)
            expr(b, s->rhs, types);
        break;
    case ST_USE: buf_printf(b, "use %s", s->name); break;
    case ST_IF:
        if_chain(b, s, indent, types);
        buf_push(b, '\n');
        return;
    default: break;
    }
    buf_printf(b, ";\n");
}

void parse_print_block(Buf *out, const Block *bl, int indent, bool types)
{
    buf_printf(out, "{\n");
    for (uint32_t i = 0; i < bl->n; i++)
        stmt(out, bl->v[i], indent + 1, types);
    indent_to(out, indent);
    buf_push(out, '}');
}

static void params(Buf *b, const ParamList *l)
{
    buf_push(b, '(');
    for (uint32_t i = 0; i < l->n; i++) {
        buf_printf(b, "%s%s: ", i ? ", " : "", l->v[i].name);
        ty_print(b, l->v[i].ty);
    }
    buf_push(b, ')');
}

static void fn_def(Buf *b, const FnDef *f, bool types)
{
    buf_printf(b, "fn %s", f->name);
    params(b, &f->params);
    if (f->ret) {
        buf_printf(b, " -> ");
        ty_print(b, f->ret);
    }
    buf_push(b, ' ');
    parse_print_block(b, &f->body, 0, types);
    buf_push(b, '\n');
}

static void probe(Buf *b, const Probe *p, bool types)
{
    if (types && p->nmatches) {
        buf_printf(b, "// expands to:");
        for (uint32_t i = 0; i < p->nmatches; i++)
            buf_printf(b, " %s%s", p->matches[i]->rule,
                       p->filtered[i] ? " (filtered by the type bounds)"
                                      : "");
        buf_push(b, '\n');
    }
    for (uint32_t k = 0; k < p->nparts; k++) {
        buf_printf(b, "%s%s", k ? ":" : "", p->part[k]);
        if (p->bounds[k].n)
            params(b, &p->bounds[k]);
    }
    if (p->pred) {
        buf_printf(b, " / ");
        expr(b, p->pred, types);
        buf_printf(b, " /");
    }
    buf_push(b, ' ');
    parse_print_block(b, &p->body, 0, types);
    buf_push(b, '\n');
}

void parse_print_script(Buf *out, const Script *s, bool types)
{
    for (uint32_t i = 0; i < s->nitems; i++) {
        const Item *it = &s->items[i];
        if (it->kind == ITEM_FN)
            fn_def(out, it->fn, types);
        else if (it->kind == ITEM_PROBE)
            probe(out, it->probe, types);
        else
            stmt(out, it->stmt, 0, types);
    }
}
