/* test_provider.c -- unit tests of core/provider (registry.h): globs, rule
 * expansion and probe numbering (docs/providers.md "Rules and probe
 * numbering"), scope walking,
 * the opcode package against opcodes.def, schema errors (one fixture per
 * error in tests/provider/bad/, each naming its expected diagnostic in a
 * `# expect:` first line), and an extra package file.
 *
 * usage: whamm_provider_test SUITE PROVIDERS_DIR [ARG]
 *   suites: glob match numbering scope coverage extra schema (ARG: fixture) */
#define _POSIX_C_SOURCE 200809L
#include "provider/registry.h"
#include "wasm/wasm.h"
#include "unit.h"

#include <stdio.h>
#include <string.h>


typedef struct {
    DiagSink sink;
    ProvRegistry *reg;
} Fixture;

static bool fx_init(Fixture *fx, const char *dir)
{
    diag_init(&fx->sink);
    fx->reg = prov_registry_new();
    bool ok = prov_load_dir(fx->reg, dir, &fx->sink);
    if (!ok)
        diag_render(&fx->sink, stderr, false);
    return ok;
}

static void fx_fini(Fixture *fx)
{
    prov_registry_free(fx->reg);
    diag_fini(&fx->sink);
}

/* Expands rule; returns the number of matches (-1 if it failed). */
static int expand(Fixture *fx, const char *rule, ProvNumbering *num,
                  ProvMatchList *ml, ProvPart *failed)
{
    Span sp = {"<rule>", 1, 1, (uint32_t)strlen(rule)};
    uint32_t before = ml->n;
    bool ok = prov_match_rule(fx->reg, rule, strlen(rule), sp,
                              PROV_NOMATCH_WARN, num, ml, failed, &fx->sink);
    return ok ? (int)(ml->n - before) : -1;
}

/* ---- glob ------------------------------------------------------------------ */

static void suite_glob(const char *dir)
{
    static const struct {
        const char *pat, *name;
        bool match;
    } cases[] = {
        {"*", "i32.add", true},       {"i32.*", "i32.add", true},
        {"i32.*", "i64.add", false},  {"?32.add", "i32.add", true},
        {"I32.ADD", "i32.add", true}, {"[if]32.add", "f32.add", true},
        {"[!i]32.add", "i32.add", false}, {"[!i]32.add", "f32.add", true},
        {"[a-j]32*", "i32.eq", true}, {"*load*", "i64.atomic.load8_u", true},
        {"br", "br_if", false},       {"br*", "br_if", true},
        {"*_u", "i32.lt_u", true},    {"*_u", "i32.lt_s", false},
        {"[]]", "]", true},           {"", "", true},
        {"a*b*c", "axxbyyc", true},   {"a*b*c", "axxbyy", false},
    };
    (void)dir;
    for (size_t i = 0; i < ARRAY_LEN(cases); i++)
        CHECK_MSG(prov_glob_match(cases[i].pat, strlen(cases[i].pat),
                              cases[i].name) == cases[i].match,
              "'%s' vs '%s'", cases[i].pat, cases[i].name);
    CHECK_MSG(prov_glob_check("[abc", 4) == 0, "unclosed class");
    CHECK_MSG(prov_glob_check("x[!", 3) == 1, "unclosed negated class");
    CHECK_MSG(prov_glob_check("a[b]c*", 6) == -1, "valid");
}

/* ---- match ----------------------------------------------------------------- */

static void check_fail(Fixture *fx, const char *rule, ProvPart want)
{
    ProvMatchList ml = {0};
    ProvPart failed = PROV_PART_MODE;
    int n = expand(fx, rule, NULL, &ml, &failed);
    CHECK_MSG(n == -1 && failed == want, "%s: n=%d failed part %d, want %d",
          rule, n, (int)failed, (int)want);
    vec_free(ml);
}

static void check_count(Fixture *fx, const char *rule, int want)
{
    ProvMatchList ml = {0};
    int n = expand(fx, rule, NULL, &ml, NULL);
    CHECK_MSG(n == want, "%s: %d matches, want %d", rule, n, want);
    vec_free(ml);
}

static void suite_match(const char *dir)
{
    Fixture fx;
    if (!fx_init(&fx, dir)) {
        CHECK_MSG(false, "loading %s", dir);
        fx_fini(&fx);
        return;
    }
    check_count(&fx, "wasm:opcode:*:*", 941);
    check_count(&fx, "wasm:::", 941);
    check_count(&fx, ":::alt", 309);      /* end has no alt */
    check_count(&fx, "wasm:opcode:*:before", 310);
    check_count(&fx, "wasm:*", 3);        /* begin end report */
    check_count(&fx, "wasm:func:*", 2);
    check_count(&fx, "wasm::", 4);      /* 3 parts: func and block events */
    check_count(&fx, "wasm::*:", 941);
    check_count(&fx, "wasm:opcode:br*:at_target", 3);
    check_count(&fx, "wasm:opcode:block|loop:after", 2);
    check_count(&fx, "WASM:OPCODE:I32.ADD|i64.add:BEFORE", 2);
    check_count(&fx, "wasm:opcode:i32.load*:before", 5);
    check_count(&fx, "wasm:opcode:call(arg0: i32):before", 1);
    check_count(&fx, "wasm:opcode:ref.test_null:before", 1);
    check_fail(&fx, "core::br:before", PROV_PART_PROVIDER);
    check_fail(&fx, "wasm:nope:*:*", PROV_PART_PACKAGE);
    check_fail(&fx, "wasm:opcode:call:dne", PROV_PART_MODE);
    check_fail(&fx, "wasm:opcode:unreachable:after", PROV_PART_MODE);
    check_fail(&fx, "wasm:opcode:block:semantic_after", PROV_PART_MODE);
    check_fail(&fx, "wasm:opcode:call", PROV_PART_EVENT);
    check_fail(&fx, "wasm:func", PROV_PART_PACKAGE);
    check_fail(&fx, "wasm:func:entry:before", PROV_PART_EVENT);
    check_fail(&fx, "a:b:c:d:", PROV_PART_NONE);
    check_fail(&fx, "wasm", PROV_PART_NONE);
    check_fail(&fx, "wasm:opcode:[abc:before", PROV_PART_NONE);
    /* every failure is an error: 8 rules that match nothing (E0203, also
     * for callers that report it in their own words) and 3 bad rules */
    CHECK_MSG(fx.sink.nerrors == 11, "errors: %u", fx.sink.nerrors);
    CHECK_MSG(fx.sink.nwarnings == 0, "warnings: %u", fx.sink.nwarnings);
    fx_fini(&fx);
}

/* ---- numbering -------------------------------------------------------------- */

static void suite_numbering(const char *dir)
{
    Fixture fx;
    if (!fx_init(&fx, dir)) {
        CHECK_MSG(false, "loading %s", dir);
        fx_fini(&fx);
        return;
    }
    ProvNumbering num;
    prov_numbering_init(&num, fx.reg);
    ProvMatchList ml = {0};
    CHECK_MSG(expand(&fx, "wasm:opcode:*:before", &num, &ml, NULL) == 310, "-");
    CHECK_MSG(expand(&fx, "wasm:opcode:i32.const:before", &num, &ml, NULL) == 1,
          "-");
    CHECK_MSG(expand(&fx, "wasm:func:entry", &num, &ml, NULL) == 1, "-");
    CHECK_MSG(expand(&fx, "wasm:opcode:block:*", &num, &ml, NULL) == 5, "-");
    CHECK_MSG(ml.n == 317, "%u matches", ml.n);
    if (ml.n == 317) {
        CHECK_MSG(ml.v[0].probe_id == 0 && ml.v[0].event->opcode ==
              WASM_OP_Unreachable, "first is unreachable");
        CHECK_MSG(ml.v[309].probe_id == 309, "-");
        CHECK_MSG(ml.v[310].probe_id == 310 &&
              !strcmp(ml.v[310].event->name, "i32.const"), "310");
        Buf b;
        buf_init(&b);
        prov_match_name(&b, &ml.v[311], true);
        buf_push(&b, 0);
        CHECK_MSG(!strcmp((char *)b.data, "wasm:func:entry:<no-mode>"), "%s",
              (char *)b.data);
        buf_fini(&b);
        CHECK_MSG(ml.v[311].probe_id == 311, "-");
        /* YAML order of the block modes: before, semantic_after, ... */
        CHECK_MSG(ml.v[312].probe_id == 312 &&
              !strcmp(ml.v[312].mode->name, "before"), "-");
        CHECK_MSG(!strcmp(ml.v[313].mode->name, "semantic_after") &&
              !strcmp(ml.v[313].mode->alias, "after"), "-");
        CHECK_MSG(!strcmp(ml.v[316].mode->name, "exit") &&
              ml.v[316].probe_id == 316, "-");
    }
    vec_free(ml);
    prov_numbering_fini(&num);
    fx_fini(&fx);
}

/* ---- scope ---------------------------------------------------------------- */

static const ProvVar *var_at(Fixture *fx, const char *rule, const char *name)
{
    ProvMatchList ml = {0};
    const ProvVar *v = NULL;
    if (expand(fx, rule, NULL, &ml, NULL) > 0)
        v = prov_lookup_var(fx->reg, &ml.v[0], name);
    vec_free(ml);
    return v;
}

static bool is_kind(const ProvVar *v, TypeKind k)
{
    return v && v->type->kind == k;
}

static void suite_scope(const char *dir)
{
    Fixture fx;
    if (!fx_init(&fx, dir)) {
        CHECK_MSG(false, "loading %s", dir);
        fx_fini(&fx);
        return;
    }
    const char *st = "wasm:opcode:i64.store32:before";
    CHECK_MSG(is_kind(var_at(&fx, st, "arg0"), TY_I64), "store value i64");
    CHECK_MSG(is_kind(var_at(&fx, st, "arg1"), TY_U32), "store addr u32");
    const ProvVar *a = var_at(&fx, st, "addr");
    CHECK_MSG(a && a->lifetime == PROV_LIFE_DERIVED && a->derived_from &&
          !strcmp(a->derived_from, "arg1") && a->derived_span.line > 0,
          "addr = arg1");
    const ProvVar *ds = var_at(&fx, st, "data_size");
    CHECK_MSG(ds && !strcmp(ds->derived_from, "4"), "data_size 4");
    const ProvVar *ea = var_at(&fx, "wasm:opcode:i32.load8_u:after",
                               "effective_addr");
    CHECK_MSG(ea && !strcmp(ea->derived_from, "addr + offset as u32"), "ea");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:i32.load8_u:after", "res0"),
                  TY_I32), "load8_u res0 i32, as the reference types it");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:i32.lt_u:before", "arg1"),
                  TY_U32), "lt_u args u32");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:call:before", "arg7"),
                  TY_UNKNOWN), "call arg pattern");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:call:before", "target_fn_name"),
                  TY_STR), "call target name");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:call_indirect:before", "arg0"),
                  TY_I32), "call_indirect concrete arg0 wins");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:br_table:before", "imm3"),
                  TY_U32), "br_table imm pattern");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:br_table:before", "targets"),
                  TY_MAP), "br_table targets map");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:func:entry", "local2"), TY_UNKNOWN),
          "provider local pattern");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:block:end", "instr_count"), TY_U32), "-");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:begin", "APP_MEMID"), TY_U32), "core");
    CHECK_MSG(!var_at(&fx, "wasm:opcode:nop:before", "arg0"), "nop has no arg0");
    /* memarg details: address = bottom operand, width from the name */
    const char *cx = "wasm:opcode:i64.atomic.rmw32.cmpxchg_u:before";
    const ProvVar *cxa = var_at(&fx, cx, "addr");
    CHECK_MSG(cxa && !strcmp(cxa->derived_from, "arg2"), "cmpxchg addr");
    const ProvVar *cxs = var_at(&fx, cx, "data_size");
    CHECK_MSG(cxs && !strcmp(cxs->derived_from, "4"), "cmpxchg 4 bytes");
    const ProvVar *cxw = var_at(&fx, cx, "is_write");
    CHECK_MSG(cxw && !strcmp(cxw->derived_from, "true"), "rmw writes");
    const ProvVar *w64 = var_at(&fx, "wasm:opcode:memory.atomic.wait64:after",
                                "data_size");
    CHECK_MSG(w64 && !strcmp(w64->derived_from, "8"), "wait64 8 bytes");
    CHECK_MSG(is_kind(var_at(&fx, "wasm:opcode:memory.grow:after", "res0"),
                  TY_I32), "memory.grow res0 i32 (failed = res0 == -1)");
    const ProvVar *rf = var_at(&fx, "wasm:opcode:ref.func:before",
                               "resolved_fid");
    CHECK_MSG(rf && !strcmp(rf->derived_from, "imm0 as i32"), "ref.func");
    ProvVar pat = {.name = "arg[0:9]+", .prefix = "arg"};
    CHECK_MSG(prov_var_matches(&pat, "arg12"), "-");
    CHECK_MSG(!prov_var_matches(&pat, "arg"), "-");
    CHECK_MSG(!prov_var_matches(&pat, "arg1x"), "-");
    CHECK_MSG(!prov_var_matches(&pat, "res1"), "-");
    ProvMatchList ml = {0};
    if (expand(&fx, "wasm:opcode:call:alt", NULL, &ml, NULL) == 1) {
        const ProvFn *f = prov_lookup_fn(fx.reg, &ml.v[0], "alt_call_by_name");
        CHECK_MSG(f && f->nparams == 1 && f->param_types[0]->kind == TY_STR &&
              f->req_args == -1 && f->result->kind == TY_TUPLE, "alt_call");
        CHECK_MSG(prov_lookup_fn(fx.reg, &ml.v[0], "drop_args"), "package fn");
        CHECK_MSG(prov_lookup_fn(fx.reg, &ml.v[0], "strcmp"), "core fn");
        ProvVarList vl = {0};
        prov_scope_vars(fx.reg, &ml.v[0], &vl);
        CHECK_MSG(vl.n > 10 && !strcmp(vl.v[0]->name, "APP_MEMID"), "order");
        vec_free(vl);
    }
    vec_free(ml);
    fx_fini(&fx);
}

/* ---- coverage: the opcode package against the opcode table ---------------- */

static void suite_coverage(const char *dir)
{
    Fixture fx;
    if (!fx_init(&fx, dir)) {
        CHECK_MSG(false, "loading %s", dir);
        fx_fini(&fx);
        return;
    }
    const ProvProvider *w = prov_provider_find(fx.reg, "wasm");
    const ProvPackage *op = w ? prov_package_find(w, "opcode") : NULL;
    CHECK_MSG(op && op->opcode_events, "wasm:opcode exists");
    if (op) {
        bool seen[WASM_OP_COUNT] = {0};
        int prev = -1;
        for (uint32_t i = 0; i < op->nevents; i++) {
            int oc = op->events[i]->opcode;
            CHECK_MSG(oc >= 0 && oc < WASM_OP_COUNT &&
                  (wasm_ops[oc].flags & OPF_EVENT), "event %s",
                  op->events[i]->name);
            CHECK_MSG(oc > prev, "event %s out of table order",
                  op->events[i]->name);
            if (oc >= 0 && oc < WASM_OP_COUNT)
                seen[oc] = true;
            prev = oc;
        }
        int nev = 0;
        for (int i = 0; i < WASM_OP_COUNT; i++)
            if (wasm_ops[i].flags & OPF_EVENT) {
                nev++;
                CHECK_MSG(seen[i], "opcode %s has no event", wasm_ops[i].name);
            }
        CHECK_MSG(nev == 310 && op->nevents == 310, "%d / %u", nev, op->nevents);
    }
    fx_fini(&fx);
}

/* ---- an extra package in its own file ---------------------------------- */

static const char extra_yaml[] =
    "providers:\n"
    "  - name: wasm\n"
    "    packages:\n"
    "      - name: mine\n"
    "        docs: An extra package.\n"
    "        events:\n"
    "          - name: tick\n"
    "            docs: Ticks.\n"
    "            supported_modes: [{name: before, docs: b}]\n"
    "      - name: opcode\n"
    "        events:\n"
    "          - {name: nop2, docs: not an opcode}\n";

static void suite_extra(const char *dir)
{
    Fixture fx;
    if (!fx_init(&fx, dir)) {
        CHECK_MSG(false, "loading %s", dir);
        fx_fini(&fx);
        return;
    }
    bool ok = prov_load_text(fx.reg, "extra.yaml", extra_yaml,
                             sizeof extra_yaml - 1, &fx.sink);
    CHECK_MSG(!ok && fx.sink.nerrors == 1 &&
          fx.sink.diags.v[0].kind == DIAG_YAML_NO_OPCODE &&
          fx.sink.diags.v[0].span.line == 12, "nop2 is not an opcode");
    check_count(&fx, "wasm:mine:tick:before", 1);
    check_count(&fx, "wasm:*:tick:*", 1);
    check_count(&fx, "wasm:opcode:*:before", 310);
    fx_fini(&fx);
}

/* ---- schema errors: tests/provider/bad/NAME.yaml ------------------------ */

static void suite_schema(const char *path)
{
    Buf text;
    buf_init(&text);
    char err[256];
    if (!file_read_all(path, &text, err, sizeof err)) {
        CHECK_MSG(false, "%s", err);
        return;
    }
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *t = (const char *)text.data, *tag = "# expect: ";
    const char *nl = memchr(t, '\n', text.len);
    CHECK_MSG(nl && !strncmp(t, tag, strlen(tag)), "no # expect: line");
    DiagSink sink;
    diag_init(&sink);
    ProvRegistry *r = prov_registry_new();
    bool ok = prov_load_text(r, base, t, text.len, &sink);
    char *out = NULL;
    size_t outlen = 0;
    FILE *mem = open_memstream(&out, &outlen);
    diag_render(&sink, mem, false);
    fclose(mem);
    if (nl) {
        Buf want;
        buf_init(&want);
        buf_printf(&want, "%s:%.*s", base,
                   (int)(nl - t - (int)strlen(tag)), t + strlen(tag));
        buf_push(&want, 0);
        CHECK_MSG(!ok && strstr(out, (char *)want.data),
              "\nwant: %s\ngot:\n%s", (char *)want.data, out);
        buf_fini(&want);
    }
    free(out);
    prov_registry_free(r);
    diag_fini(&sink);
    buf_fini(&text);
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        void (*run)(const char *);
    } suites[] = {
        {"glob", suite_glob},         {"match", suite_match},
        {"numbering", suite_numbering}, {"scope", suite_scope},
        {"coverage", suite_coverage}, {"extra", suite_extra},
        {"schema", suite_schema},
    };
    if (argc < 3) {
        fprintf(stderr, "usage: whamm_provider_test SUITE DIR|FILE\n");
        return 2;
    }
    for (size_t i = 0; i < ARRAY_LEN(suites); i++)
        if (!strcmp(argv[1], suites[i].name)) {
            suites[i].run(argv[2]);
            printf("%s: %d checks, %d failures\n", argv[1], unit_checks,
                   unit_failures);
            return unit_failures ? 1 : 0;
        }
    fprintf(stderr, "unknown suite '%s'\n", argv[1]);
    return 2;
}
