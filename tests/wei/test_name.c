/* test_name.c -- the wei export-name grammar both ways: names parse into
 * the expected structure, print back in canonical form, and the canonical
 * form parses to the same structure; malformed names are rejected with a
 * reason at the right offset. */
#include "wei/wei.h"

#include "../unit/unit.h"

#include <stdio.h>
#include <string.h>

int unit_failures, unit_checks; /* unit.h's counters */

/* A name and its canonical spelling. */
static const struct {
    const char *in, *canon;
} good[] = {
    {"wasm:opcode:br_if(arg0)", "wasm:opcode:br_if(arg0)"},
    {"wasm:opcode:br_if (arg0)", "wasm:opcode:br_if(arg0)"},
    {"wasm:opcode:br_if", "wasm:opcode:br_if"},
    {"wasm:opcode:nop()", "wasm:opcode:nop()"},
    {"wasm:func:entry( fid ,pc )", "wasm:func:entry(fid, pc)"},
    {"wasm:opcode:*(pc)", "wasm:opcode:*(pc)"},
    {"wasm:exit", "wasm:exit"},
    {"wasm:opcode:call/$12(fid,pc,imm0)/(arg0, $alloc(fname, fid, pc))",
     "wasm:opcode:call / $12(fid, pc, imm0) /(arg0, $alloc(fname, fid, pc))"},
    {"  wasm:opcode:br_if  /  $init_anchor( fname , $3(pc) )  /  ( arg1 ) ",
     "wasm:opcode:br_if / $init_anchor(fname, $3(pc)) /(arg1)"},
    {"wasm:block:end / $p() /", "wasm:block:end / $p() /"},
    {"wasm:opcode:i32.load($a.b(offset), local3)",
     "wasm:opcode:i32.load($a.b(offset), local3)"},
};

/* A malformed name, the start of its reason and its offset. */
static const struct {
    const char *in, *why;
    uint32_t at;
} bad[] = {
    {"", "a rule part is missing", 0},
    {"wasm::br_if", "a rule part is empty", 5},
    {"wasm:opcode:", "a rule part is missing", 12},
    {"wasm:opcode:br_if(arg0", "expected `,` or `)`", 22},
    {"wasm:opcode:br_if(arg0,)", "a parameter is missing", 23},
    {"wasm:opcode:br_if(arg0 arg1)", "expected `,` or `)`", 23},
    {"wasm:opcode:br_if / 12(fid) /", "expected a helper call", 20},
    {"wasm:opcode:br_if / $12(fid) (arg0)", "expected `/` after", 29},
    {"wasm:opcode:br_if / $(fid) /", "the helper name after", 21},
    {"wasm:opcode:br_if / $12 /", "expected `(` after", 24},
    {"wasm:opcode:br_if(arg0) x", "unexpected text", 24},
    {"wasm:opcode:br_if(a-b)", "expected `,` or `)`", 19},
    {"wasm:opcode:br_if(,)", "expected a parameter name", 18},
    {"a:b:c:d:e:f:g:h:i", "the rule has too many parts", 16},
    {"wasm:opcode:br_if($1($2($3($4($5($6($7($8($9($10($11($12($13($14($15"
     "($16($17(pc)))))))))))))))))", "static calls are nested", 77},
};

static bool same_param(const WeiParam *a, const WeiParam *b);

static bool same_list(const WeiParam *a, uint32_t na, const WeiParam *b,
                      uint32_t nb)
{
    if (na != nb)
        return false;
    for (uint32_t i = 0; i < na; i++)
        if (!same_param(&a[i], &b[i]))
            return false;
    return true;
}

static bool same_param(const WeiParam *a, const WeiParam *b)
{
    return a->is_call == b->is_call && strcmp(a->name, b->name) == 0 &&
           same_list(a->args, a->nargs, b->args, b->nargs);
}

static bool same_name(const WeiName *a, const WeiName *b)
{
    if (a->nparts != b->nparts || a->has_pred != b->has_pred ||
        a->has_params != b->has_params)
        return false;
    for (uint32_t i = 0; i < a->nparts; i++)
        if (strcmp(a->part[i], b->part[i]) != 0)
            return false;
    return (!a->has_pred || same_param(&a->pred, &b->pred)) &&
           same_list(a->params, a->nparams, b->params, b->nparams);
}

static void test_good(Arena *a)
{
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        WeiName n, back;
        WeiNameError err;
        bool ok = wei_name_parse(good[i].in, strlen(good[i].in), a, &n, &err);
        CHECK_MSG(ok, "'%s': %s at %u", good[i].in, err.msg, err.at);
        if (!ok)
            continue;
        Buf b;
        buf_init(&b);
        wei_name_print(&n, &b);
        CHECK_MSG(b.len == strlen(good[i].canon) &&
              memcmp(b.data, good[i].canon, b.len) == 0,
              "'%s' printed as '%.*s'", good[i].in, (int)b.len, b.data);
        ok = wei_name_parse((const char *)b.data, b.len, a, &back, &err);
        CHECK_MSG(ok && same_name(&n, &back), "'%.*s' does not parse back",
              (int)b.len, b.data);
        buf_fini(&b);
    }
}

/* The structure of one name in detail. */
static void test_structure(Arena *a)
{
    const char *s = "wasm:opcode:call / $12(fid, pc) /(arg0, $alloc(fname))";
    WeiName n;
    WeiNameError err;
    CHECK_MSG(wei_name_parse(s, strlen(s), a, &n, &err), "%s", err.msg);
    CHECK_MSG(n.nparts == 3 && strcmp(n.part[2], "call") == 0, "parts");
    CHECK_MSG(n.has_pred && n.pred.is_call && strcmp(n.pred.name, "12") == 0 &&
          n.pred.nargs == 2 && strcmp(n.pred.args[1].name, "pc") == 0,
          "predicate");
    CHECK_MSG(n.has_params && n.nparams == 2 && !n.params[0].is_call &&
          n.params[1].is_call && strcmp(n.params[1].name, "alloc") == 0 &&
          n.params[1].nargs == 1 &&
          strcmp(n.params[1].args[0].name, "fname") == 0, "parameters");
}

static void test_bad(Arena *a)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        WeiName n;
        WeiNameError err = {{0}, 0};
        bool ok = wei_name_parse(bad[i].in, strlen(bad[i].in), a, &n, &err);
        CHECK_MSG(!ok, "'%s' parsed", bad[i].in);
        CHECK_MSG(strncmp(err.msg, bad[i].why, strlen(bad[i].why)) == 0 &&
              err.at == bad[i].at, "'%s': got '%s' at %u, want '%s' at %u",
              bad[i].in, err.msg, err.at, bad[i].why, bad[i].at);
    }
    WeiName n;
    WeiNameError err;
    CHECK_MSG(!wei_name_parse("wasm:a\0b", 8, a, &n, &err) && err.at == 6,
          "NUL byte");
}

int main(void)
{
    Arena a;
    arena_init(&a);
    test_good(&a);
    test_structure(&a);
    test_bad(&a);
    arena_fini(&a);
    printf("%d checks, %d failed\n", unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}
