/* name.c -- the grammar of wei probe export names, both ways (docs/wei.md,
 * "Probe export names").
 *
 *   name    = ws rule ws [ "/" ws call ws "/" ws ] [ "(" params ")" ws ]
 *   rule    = part { ":" part }
 *   part    = rulech { rulech }      (anything but space / ( ) , :)
 *   params  = ws [ param { ws "," ws param } ws ]
 *   param   = call | ident
 *   call    = "$" helper ws "(" params ")"
 *   helper  = namech { namech }      (anything but space / ( ) ,)
 *   ident   = identch { identch }    (letters, digits, _)
 *
 * Parsing stops at the first problem with a message and its offset; a
 * name that does not parse is not a probe (the caller decides whether to
 * warn).  Printing gives the canonical spelling, which parses back to the
 * same structure. */
#include "wei.h"

#include <ctype.h>
#include <stdio.h>

#define MAX_DEPTH 16         /* nested static calls */

typedef struct {
    const char *s, *p, *end;
    Arena *a;
    WeiNameError *err;
    uint32_t depth;
} Parser;

static bool fail(Parser *P, const char *msg)
{
    if (P->err) {
        snprintf(P->err->msg, sizeof P->err->msg, "%s", msg);
        P->err->at = (uint32_t)(P->p - P->s);
    }
    return false;
}

static void skip_ws(Parser *P)
{
    while (P->p < P->end && isspace((unsigned char)*P->p))
        P->p++;
}

static bool at(const Parser *P, char c)
{
    return P->p < P->end && *P->p == c;
}

/* Characters that end a rule part or a helper name. */
static bool is_delim(char c)
{
    return isspace((unsigned char)c) || c == '/' || c == '(' || c == ')' ||
           c == ',' || c == '\0';
}

static const char *take(Parser *P, const char *from)
{
    return arena_strndup(P->a, from, (size_t)(P->p - from));
}

/* rule = part { ":" part } */
static bool parse_rule(Parser *P, WeiName *out)
{
    for (;;) {
        const char *from = P->p;
        while (P->p < P->end && !is_delim(*P->p) && *P->p != ':')
            P->p++;
        if (P->p == from)
            return fail(P, P->p == P->end ? "a rule part is missing at the "
                        "end" : "a rule part is empty");
        if (out->nparts == WEI_MAX_PARTS) {
            P->p = from;
            return fail(P, "the rule has too many parts");
        }
        out->part[out->nparts++] = take(P, from);
        if (!at(P, ':'))
            return true;
        P->p++;
    }
}

static bool parse_params(Parser *P, WeiParam **out, uint32_t *n);

/* call = "$" helper ws "(" params ")" */
static bool parse_call(Parser *P, WeiParam *out)
{
    if (!at(P, '$'))
        return fail(P, "expected a helper call `$NAME(...)`");
    P->p++;
    const char *from = P->p;
    while (P->p < P->end && !is_delim(*P->p))
        P->p++;
    if (P->p == from)
        return fail(P, "the helper name after `$` is empty");
    out->name = take(P, from);
    out->is_call = true;
    skip_ws(P);
    if (!at(P, '('))
        return fail(P, "expected `(` after the helper name");
    P->p++;
    if (++P->depth > MAX_DEPTH)
        return fail(P, "static calls are nested too deeply");
    TRY(parse_params(P, &out->args, &out->nargs));
    P->depth--;
    if (!at(P, ')'))
        return fail(P, "expected `,` or `)` in the parameter list");
    P->p++;
    return true;
}

/* param = call | ident */
static bool parse_param(Parser *P, WeiParam *out)
{
    if (at(P, '$'))
        return parse_call(P, out);
    const char *from = P->p;
    while (P->p < P->end && (isalnum((unsigned char)*P->p) || *P->p == '_'))
        P->p++;
    if (P->p == from)
        return fail(P, "expected a parameter name or `$NAME(...)`");
    out->name = take(P, from);
    return true;
}

/* params = ws [ param { ws "," ws param } ws ]   (stops before ")") */
static bool parse_params(Parser *P, WeiParam **out, uint32_t *n)
{
    VEC(WeiParam) v = {0};
    skip_ws(P);
    while (!at(P, ')') && P->p < P->end) {
        WeiParam p = {0};
        TRY(parse_param(P, &p));
        avec_push(P->a, v, p);
        skip_ws(P);
        if (!at(P, ','))
            break;
        P->p++;
        skip_ws(P);
        if (at(P, ')'))
            return fail(P, "a parameter is missing after `,`");
    }
    *out = v.v;
    *n = v.n;
    return true;
}

/* The predicate: "/" ws call ws "/" */
static bool parse_pred(Parser *P, WeiName *out)
{
    P->p++; /* the '/' */
    skip_ws(P);
    TRY(parse_call(P, &out->pred));
    skip_ws(P);
    if (!at(P, '/'))
        return fail(P, "expected `/` after the predicate");
    P->p++;
    out->has_pred = true;
    return true;
}

/* name = ws rule ws [ pred ws ] [ "(" params ")" ws ] */
static bool parse_name(Parser *P, WeiName *out)
{
    skip_ws(P);
    TRY(parse_rule(P, out));
    skip_ws(P);
    if (at(P, '/')) {
        TRY(parse_pred(P, out));
        skip_ws(P);
    }
    if (at(P, '(')) {
        P->p++;
        TRY(parse_params(P, &out->params, &out->nparams));
        if (!at(P, ')'))
            return fail(P, "expected `,` or `)` in the parameter list");
        P->p++;
        out->has_params = true;
        skip_ws(P);
    }
    if (P->p != P->end)
        return fail(P, "unexpected text after the probe name");
    return true;
}

bool wei_name_parse(const char *name, size_t len, Arena *a, WeiName *out,
                    WeiNameError *err)
{
    memset(out, 0, sizeof *out);
    if (memchr(name, '\0', len)) {
        if (err) {
            snprintf(err->msg, sizeof err->msg, "the name contains a NUL "
                     "byte");
            err->at = (uint32_t)((const char *)memchr(name, '\0', len) -
                                 name);
        }
        return false;
    }
    Parser P = {name, name, name + len, a, err, 0};
    return parse_name(&P, out);
}

/* ---- printing --------------------------------------------------------------- */

static void print_list(const WeiParam *v, uint32_t n, Buf *out)
{
    buf_push(out, '(');
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            buf_append(out, ", ", 2);
        wei_param_print(&v[i], out);
    }
    buf_push(out, ')');
}

void wei_param_print(const WeiParam *p, Buf *out)
{
    if (!p->is_call) {
        buf_printf(out, "%s", p->name);
        return;
    }
    buf_printf(out, "$%s", p->name);
    print_list(p->args, p->nargs, out);
}

void wei_name_print(const WeiName *n, Buf *out)
{
    for (uint32_t i = 0; i < n->nparts; i++)
        buf_printf(out, "%s%s", i ? ":" : "", n->part[i]);
    if (n->has_pred) {
        buf_append(out, " / ", 3);
        wei_param_print(&n->pred, out);
        buf_append(out, " /", 2);
    }
    if (n->has_params)
        print_list(n->params, n->nparams, out);
}
