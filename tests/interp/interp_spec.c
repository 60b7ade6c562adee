/* interp_spec.c -- runs the assertions written as comments in a test
 * source (a .wat file, or a C file compiled to Wasm) against its module
 * through the interpreter (core/interp).
 *
 *   interp_spec SOURCE MODULE.wasm
 *
 * Directives, one per line, after ";; " or "// " (in file order; the
 * module is instantiated once, before the first run/trap, so state
 * carries from one call to the next):
 *   limits fuel=N mem=BYTES depth=N   limits for the instance
 *   new-fails PATTERN                 instantiation fails; message matches
 *   run FN ARGS... -> RESULTS...      call succeeds with these results
 *   trap FN ARGS... -> PATTERN        call fails; message matches
 *   output TEXT                       library output so far contains TEXT
 * Values: i32:N i64:N (decimal or 0x hex, may be negative), f32:X f64:X
 * (C float syntax, inf, -0, or nan meaning any NaN), f32b:0xBITS f64b:0xBITS.
 * PATTERN is an fnmatch(3) glob matched against the whole message.
 */
#define _POSIX_C_SOURCE 200809L
#include "interp/interp.h"

#include <fnmatch.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    InterpValue v;
    bool any_nan;         /* expected: f32:nan / f64:nan */
} Val;

typedef struct {
    const char *src;
    WasmModule m;
    Interp *it;
    InterpLimits lim;
    FILE *out;            /* the library's output */
    int line;
    int failures, checks;
} Spec;

static bool failf(Spec *S, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "%s:%d: ", S->src, S->line);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    S->failures++;
    return false;
}

static bool parse_val(const char *tok, Val *out)
{
    char *end = NULL;
    memset(out, 0, sizeof *out);
    if (!strncmp(tok, "i32:", 4)) {
        out->v.type = WASM_I32;
        out->v.v.i32 = (uint32_t)strtoll(tok + 4, &end, 0);
    } else if (!strncmp(tok, "i64:", 4)) {
        out->v.type = WASM_I64;
        out->v.v.i64 = tok[4] == '-' ? (uint64_t)strtoll(tok + 4, &end, 0)
                                     : strtoull(tok + 4, &end, 0);
    } else if (!strncmp(tok, "f32b:", 5)) {
        uint32_t b = (uint32_t)strtoull(tok + 5, &end, 0);
        out->v.type = WASM_F32;
        memcpy(&out->v.v.f32, &b, 4);
    } else if (!strncmp(tok, "f64b:", 5)) {
        out->v.type = WASM_F64;
        out->v.v.i64 = strtoull(tok + 5, &end, 0);
    } else if (!strncmp(tok, "f32:", 4)) {
        out->v.type = WASM_F32;
        out->v.v.f32 = strtof(tok + 4, &end);
        out->any_nan = isnan(out->v.v.f32);
    } else if (!strncmp(tok, "f64:", 4)) {
        out->v.type = WASM_F64;
        out->v.v.f64 = strtod(tok + 4, &end);
        out->any_nan = isnan(out->v.v.f64);
    } else {
        return false;
    }
    return end && *end == '\0';
}

static void show(const InterpValue *v, char *buf, size_t n)
{
    switch (v->type) {
    case WASM_I32: snprintf(buf, n, "i32:%" PRId32, (int32_t)v->v.i32); break;
    case WASM_I64: snprintf(buf, n, "i64:%" PRId64, (int64_t)v->v.i64); break;
    case WASM_F32: {
        uint32_t b;
        memcpy(&b, &v->v.f32, 4);
        snprintf(buf, n, "f32:%a (0x%08" PRIx32 ")", v->v.f32, b);
        break;
    }
    case WASM_F64:
        snprintf(buf, n, "f64:%a (0x%016" PRIx64 ")", v->v.f64, v->v.i64);
        break;
    default: snprintf(buf, n, "ref:%" PRIu64, v->v.ref); break;
    }
}

static bool same(const Val *want, const InterpValue *got)
{
    if (want->v.type != got->type)
        return false;
    switch (got->type) {
    case WASM_I32: return want->v.v.i32 == got->v.i32;
    case WASM_F32:
        if (want->any_nan)
            return isnan(got->v.f32);
        return !memcmp(&want->v.v.f32, &got->v.f32, 4);
    case WASM_F64:
        if (want->any_nan)
            return isnan(got->v.f64);
        return want->v.v.i64 == got->v.i64;
    default: return want->v.v.i64 == got->v.i64;
    }
}

static bool instantiate(Spec *S, const char *expect_fail)
{
    InterpError err;
    S->it = interp_new(&S->m, &S->lim, &err);
    S->checks++;
    if (S->it) {
        interp_set_output(S->it, S->out);
        if (expect_fail)
            failf(S, "instantiation succeeded, expected '%s'%s", expect_fail,
                  "");
        return true;
    }
    if (!expect_fail)
        failf(S, "instantiation failed: %s%s", err.msg, "");
    else if (fnmatch(expect_fail, err.msg, 0) != 0)
        failf(S, "instantiation failed with '%s', expected '%s'", err.msg,
              expect_fail);
    return false;
}

/* run/trap: toks = FN ARGS... -> REST */
static bool do_call(Spec *S, char **toks, int n, bool trap, const char *rest)
{
    Val args[16], want[16];
    InterpValue a[16], got[16];
    int nargs = 0, nwant = 0, i = 1;
    for (; i < n && strcmp(toks[i], "->"); i++, nargs++)
        if (nargs == 16 || !parse_val(toks[i], &args[nargs]))
            return failf(S, "bad argument '%s'%s", toks[i], "");
    for (int k = 0; k < nargs; k++)
        a[k] = args[k].v;
    for (i++; !trap && i < n; i++, nwant++)
        if (nwant == 16 || !parse_val(toks[i], &want[nwant]))
            return failf(S, "bad result '%s'%s", toks[i], "");
    if (!S->it && !instantiate(S, NULL))
        return false;
    InterpError err;
    uint32_t ngot = 0;
    bool ok = interp_call(S->it, toks[0], a, (uint32_t)nargs, got, 16, &ngot,
                          &err);
    S->checks++;
    if (trap) {
        if (ok)
            failf(S, "%s: returned, expected a trap '%s'", toks[0], rest);
        else if (fnmatch(rest, err.msg, 0) != 0)
            failf(S, "trapped with '%s', expected '%s'", err.msg, rest);
        return !ok;
    }
    if (!ok)
        return failf(S, "%s: %s", toks[0], err.msg);
    if (ngot != (uint32_t)nwant)
        return failf(S, "%s: wrong number of results%s", toks[0], "");
    for (int k = 0; k < nwant; k++) {
        char g[96], w[96];
        if (same(&want[k], &got[k]))
            continue;
        show(&got[k], g, sizeof g);
        show(&want[k].v, w, sizeof w);
        failf(S, "got %s, expected %s", g, w);
    }
    return true;
}

static void do_limits(Spec *S, char **toks, int n)
{
    for (int i = 0; i < n; i++) {
        unsigned long long v = strtoull(strchr(toks[i], '=') + 1, NULL, 0);
        if (!strncmp(toks[i], "fuel=", 5))
            S->lim.fuel = v;
        else if (!strncmp(toks[i], "mem=", 4))
            S->lim.max_memory_bytes = v;
        else if (!strncmp(toks[i], "depth=", 6))
            S->lim.max_call_depth = (uint32_t)v;
    }
}

static void do_output(Spec *S, const char *text)
{
    char buf[8192];
    fflush(S->out);
    long len = ftell(S->out);
    rewind(S->out);
    size_t n = fread(buf, 1, sizeof buf - 1, S->out);
    buf[n] = '\0';
    fseek(S->out, len, SEEK_SET);
    S->checks++;
    if (!strstr(buf, text))
        failf(S, "output '%s' does not contain '%s'", buf, text);
}

static void directive(Spec *S, char *d)
{
    char *toks[64], *save = NULL;
    int n = 0;
    char *arrow = strstr(d, " -> ");
    char rest[256] = "";
    if (arrow)
        snprintf(rest, sizeof rest, "%s", arrow + 4);
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", d);
    char *kw = strtok_r(copy, " \t", &save);
    for (char *t; n < 64 && (t = strtok_r(NULL, " \t", &save));)
        toks[n++] = t;
    if (!strcmp(kw, "limits"))
        do_limits(S, toks, n);
    else if (!strcmp(kw, "new-fails"))
        instantiate(S, d + strlen("new-fails "));
    else if (!strcmp(kw, "run") && n > 0)
        do_call(S, toks, n, false, rest);
    else if (!strcmp(kw, "trap") && n > 0 && arrow)
        do_call(S, toks, n, true, rest);
    else if (!strcmp(kw, "output"))
        do_output(S, d + strlen("output "));
}

static bool is_directive(const char *s)
{
    static const char *const kws[] = {"limits ", "new-fails ", "run ",
                                       "trap ", "output "};
    for (size_t i = 0; i < sizeof kws / sizeof *kws; i++)
        if (!strncmp(s, kws[i], strlen(kws[i])))
            return true;
    return false;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: interp_spec SOURCE MODULE.wasm\n");
        return 2;
    }
    Spec S = {.src = argv[1], .lim = interp_default_limits()};
    Buf wasm;
    buf_init(&wasm);
    char msg[256];
    WasmError werr;
    FILE *src = fopen(argv[1], "r");
    if (!src || !file_read_all(argv[2], &wasm, msg, sizeof msg)) {
        fprintf(stderr, "interp_spec: cannot read inputs\n");
        return 2;
    }
    if (!wasm_module_read(&S.m, wasm.data, wasm.len, NULL, &werr)) {
        fprintf(stderr, "interp_spec: %s\n", werr.msg);
        return 2;
    }
    S.out = tmpfile();
    char line[1024];
    while (fgets(line, sizeof line, src)) {
        S.line++;
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t");
        if ((!strncmp(p, ";; ", 3) || !strncmp(p, "// ", 3)) &&
            is_directive(p + 3))
            directive(&S, p + 3);
    }
    fclose(src);
    interp_free(S.it);
    fclose(S.out);
    wasm_module_fini(&S.m);
    buf_fini(&wasm);
    printf("%s: %d checks, %d failed\n", argv[1], S.checks, S.failures);
    return S.failures || S.checks == 0 ? 1 : 0;
}
