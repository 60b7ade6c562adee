/* test_stacktypes.c -- wasm_check_stack_types (core/wasm/stacktypes.c): the
 * operand and result types of stack-polymorphic instructions.
 *
 * Suite "stacktypes": small modules built here byte by byte (the text form
 * is in each case's comment), one table row per module with the expected
 * types at chosen instructions, worked out by hand; then bodies whose types
 * do not line up, which must fail at the right instruction.
 * Suite "stacktypes_corpus": every function of every module named by
 * WHAMM_STACK_INPUTS (':'-separated .wasm files or directories of them;
 * CTest points it at the built corpus) must check cleanly, and every
 * recorded signature must agree with opcodes.def where that fixes the
 * operand count; and every body in brief (wasm_body_brief) must be what
 * the full decode gives. */
#define _POSIX_C_SOURCE 200809L
#include "unit.h"

#include <stdlib.h>

#include "wasm/wasm.h"

typedef struct {
    const char *p;
    size_t n;
} Bytes;

#define B(s) {s, sizeof(s) - 1}

/* Sections of a test module (payloads, count first; empty: absent). */
typedef struct {
    Bytes types, funcs, tables, mems, tags, globals, elems;
    Bytes bodies[2];      /* locals + code of functions 0 and 1 */
} Mod;

typedef struct {
    uint32_t at;          /* instruction index */
    const char *want;     /* "[params] -> [results]", bottom first */
    bool known;
} Expect;

typedef struct {
    const char *name;
    Mod mod;
    Expect expect[8];     /* up to the first with want == NULL */
} Case;

/* ---- building and checking a module ---------------------------------------- */

static void section(Buf *out, uint8_t id, Bytes payload)
{
    if (payload.n == 0)
        return;
    buf_push(out, id);
    wenc_u32(out, (uint32_t)payload.n);
    buf_append(out, payload.p, payload.n);
}

static void build(const Mod *md, Buf *out)
{
    buf_append(out, "\0asm\1\0\0\0", 8);
    section(out, 1, md->types);
    section(out, 3, md->funcs);
    section(out, 4, md->tables);
    section(out, 5, md->mems);
    section(out, 13, md->tags);
    section(out, 6, md->globals);
    section(out, 9, md->elems);
    Buf code;
    buf_init(&code);
    wenc_u32(&code, md->bodies[1].n ? 2 : 1);
    for (int i = 0; i < 2 && md->bodies[i].n; i++) {
        wenc_u32(&code, (uint32_t)md->bodies[i].n);
        buf_append(&code, md->bodies[i].p, md->bodies[i].n);
    }
    section(out, 10, (Bytes){(const char *)code.data, code.len});
    buf_fini(&code);
}

static void put_type(Buf *b, WasmValType t)
{
    switch (t.code) {
    case WASM_UNKNOWN: buf_printf(b, "?"); break;
    case WASM_I32: buf_printf(b, "i32"); break;
    case WASM_I64: buf_printf(b, "i64"); break;
    case WASM_F32: buf_printf(b, "f32"); break;
    case WASM_F64: buf_printf(b, "f64"); break;
    case WASM_V128: buf_printf(b, "v128"); break;
    case WASM_FUNCREF: buf_printf(b, "funcref"); break;
    case WASM_EXTERNREF: buf_printf(b, "externref"); break;
    case WASM_REF: case WASM_REF_NULL:
        buf_printf(b, "(ref %s", t.code == WASM_REF_NULL ? "null " : "");
        if (t.heap == WASM_FUNCREF - 0x80)
            buf_printf(b, "func)");
        else
            buf_printf(b, "%lld)", (long long)t.heap);
        break;
    default: buf_printf(b, "0x%02x", t.code); break;
    }
}

static void put_list(Buf *b, const WasmValType *v, uint32_t n)
{
    buf_push(b, '[');
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            buf_push(b, ' ');
        put_type(b, v[i]);
    }
    buf_push(b, ']');
}

/* "[params] -> [results]" in a static buffer. */
static const char *show(const WasmStackSig *s)
{
    static char text[256];
    Buf b;
    buf_init(&b);
    put_list(&b, s->params, s->nparams);
    buf_printf(&b, " -> ");
    put_list(&b, s->results, s->nresults);
    snprintf(text, sizeof text, "%.*s", (int)b.len, (const char *)b.data);
    buf_fini(&b);
    return text;
}

/* Reads md, opens function 0 and runs the tracker; false if reading or
 * opening failed (reported). */
typedef struct {
    Buf bytes;
    WasmModule m;
    Arena a;
    WasmBodyEditor ed;
    WasmStackSig *sigs;
    WasmError err;
    bool ok;              /* wasm_check_stack_types's answer */
} Run;

static bool run_case(const char *name, const Mod *md, Run *r)
{
    buf_init(&r->bytes);
    build(md, &r->bytes);
    arena_init(&r->a);
    WasmError err;
    if (!wasm_module_read(&r->m, r->bytes.data, r->bytes.len, NULL, &err)) {
        CHECK_MSG(false, "%s: module does not read: %s", name, err.msg);
        return false;
    }
    if (!wrw_open(&r->ed, &r->m, 0, &r->a, &err)) {
        CHECK_MSG(false, "%s: cannot open function 0: %s", name, err.msg);
        wasm_module_fini(&r->m);
        return false;
    }
    r->ok = wasm_check_stack_types(&r->m, 0, r->ed.code, r->ed.ncode, &r->a,
                                   &r->sigs, &r->err);
    return true;
}

static void end_run(Run *r)
{
    wasm_module_fini(&r->m);
    arena_fini(&r->a);
    buf_fini(&r->bytes);
}

/* ---- the cases ------------------------------------------------------------------ */

#define T_VOID B("\x01\x60\x00\x00")            /* type 0: [] -> [] */
#define F_ONE B("\x01\x00")                     /* func 0: type 0 */
#define F64_1 "\x44\x00\x00\x00\x00\x00\x00\xf0\x3f"
#define V128_0 "\xfd\x0c" "\x00\x00\x00\x00\x00\x00\x00\x00" \
               "\x00\x00\x00\x00\x00\x00\x00\x00"
/* type 0 [] -> [], type 1 struct (mut i32), type 2 array (mut i8) */
#define T_GC B("\x03\x60\x00\x00\x5f\x01\x7f\x01\x5e\x78\x01")

static const Case cases[] = {
    /* i32.const 0; drop; end */
    {"drop i32", {.types = T_VOID, .funcs = F_ONE,
                  .bodies = {B("\x00\x41\x00\x1a\x0b")}},
     {{1, "[i32] -> []", true}, {2, "[] -> []", true}}},
    /* f64.const 1; f64.const 1; i32.const 0; select; drop; end.  select
     * pops the i32 condition, then two values of one type (f64). */
    {"select f64", {.types = T_VOID, .funcs = F_ONE,
                    .bodies = {B("\x00" F64_1 F64_1 "\x41\x00\x1b\x1a\x0b")}},
     {{3, "[f64 f64 i32] -> [f64]", true}, {4, "[f64] -> []", true}}},
    /* func 0: call 1; drop; end    func 1: [] -> [f32] = f32.const 1 */
    {"drop after call", {.types = B("\x02\x60\x00\x00\x60\x00\x01\x7d"),
                         .funcs = B("\x02\x00\x01"),
                         .bodies = {B("\x00\x10\x01\x1a\x0b"),
                                    B("\x00\x43\x00\x00\x80\x3f\x0b")}},
     {{0, "[] -> [f32]", true}, {1, "[f32] -> []", true}}},
    /* type 1 = [i32] -> [i64 f32]
     * i32.const 1; block (type 1) drop; i64.const 2; f32.const 3 end;
     * drop; drop; end */
    {"multi-value block",
     {.types = B("\x02\x60\x00\x00\x60\x01\x7f\x02\x7e\x7d"), .funcs = F_ONE,
      .bodies = {B("\x00\x41\x01\x02\x01\x1a\x42\x02\x43\x00\x00\x40\x40"
                   "\x0b\x1a\x1a\x0b")}},
     {{1, "[i32] -> [i32]", true}, {2, "[i32] -> []", true},
      {5, "[i64 f32] -> [i64 f32]", true}, {6, "[f32] -> []", true},
      {7, "[i64] -> []", true}, {8, "[] -> []", true}}},
    /* unreachable; drop; i32.const 7; drop; end: the first drop pops the
     * polymorphic stack, the second a known i32 */
    {"drop in dead code", {.types = T_VOID, .funcs = F_ONE,
                           .bodies = {B("\x00\x00\x1a\x41\x07\x1a\x0b")}},
     {{0, "[] -> []", true}, {1, "[?] -> []", false},
      {3, "[i32] -> []", true}, {4, "[] -> []", true}}},
    /* block; br 0; select; drop; end; end */
    {"select after br", {.types = T_VOID, .funcs = F_ONE,
                         .bodies = {B("\x00\x02\x40\x0c\x00\x1b\x1a\x0b\x0b")}},
     {{1, "[] -> []", true}, {2, "[? ? i32] -> [?]", false},
      {3, "[?] -> []", false}, {4, "[] -> []", true}}},
    /* return; i64.const 1; i64.const 2; i32.const 0; select; drop; end */
    {"select after return", {.types = T_VOID, .funcs = F_ONE,
                             .bodies = {B("\x00\x0f\x42\x01\x42\x02\x41\x00"
                                          "\x1b\x1a\x0b")}},
     {{4, "[i64 i64 i32] -> [i64]", true}}},
    /* v128.const 0; v128.const 0; i32.const 1; select; drop; end */
    {"select v128", {.types = T_VOID, .funcs = F_ONE,
                     .bodies = {B("\x00" V128_0 V128_0 "\x41\x01\x1b\x1a\x0b")}},
     {{3, "[v128 v128 i32] -> [v128]", true}, {4, "[v128] -> []", true}}},
    /* ref.null func; ref.is_null; drop; ref.null extern; ref.is_null;
     * drop; end */
    {"ref.is_null", {.types = T_VOID, .funcs = F_ONE,
                     .bodies = {B("\x00\xd0\x70\xd1\x1a\xd0\x6f\xd1\x1a\x0b")}},
     {{0, "[] -> [funcref]", true}, {1, "[funcref] -> [i32]", true},
      {3, "[] -> [externref]", true}, {4, "[externref] -> [i32]", true}}},
    /* (elem declare func 0)
     * ref.func 0; ref.is_null; drop; ref.null func; ref.as_non_null;
     * drop; end */
    {"typed references", {.types = T_VOID, .funcs = F_ONE,
                          .elems = B("\x01\x03\x00\x01\x00"),
                          .bodies = {B("\x00\xd2\x00\xd1\x1a\xd0\x70\xd4"
                                       "\x1a\x0b")}},
     {{0, "[] -> [(ref 0)]", true}, {1, "[(ref 0)] -> [i32]", true},
      {4, "[funcref] -> [(ref func)]", true},
      {5, "[(ref func)] -> []", true}}},
    /* (func (param i32)
     *   local.get 0
     *   if (result i64)
     *     local.get 0
     *     if (result i64) i64.const 1 else i64.const 2 end
     *   else i64.const 3 end
     *   drop) */
    {"nested if/else", {.types = B("\x01\x60\x01\x7f\x00"), .funcs = F_ONE,
                        .bodies = {B("\x00\x20\x00\x04\x7e\x20\x00\x04\x7e"
                                     "\x42\x01\x05\x42\x02\x0b\x05\x42\x03"
                                     "\x0b\x1a\x0b")}},
     {{0, "[] -> [i32]", true}, {1, "[i32] -> []", true},
      {5, "[i64] -> []", true}, {7, "[i64] -> [i64]", true},
      {8, "[i64] -> []", true}, {10, "[i64] -> [i64]", true},
      {11, "[i64] -> []", true}}},
    /* block (result i32) i32.const 1; i32.const 0; br_if 0;
     *   i32.const 2; br_table 0 0 end; drop; end */
    {"branches with values", {.types = T_VOID, .funcs = F_ONE,
                              .bodies = {B("\x00\x02\x7f\x41\x01\x41\x00\x0d"
                                           "\x00\x41\x02\x0e\x01\x00\x00\x0b"
                                           "\x1a\x0b")}},
     {{0, "[] -> []", true}, {3, "[i32 i32] -> [i32]", true},
      {5, "[i32 i32] -> []", true}, {6, "[i32] -> [i32]", true},
      {7, "[i32] -> []", true}}},
    /* type 1 = [i32] -> [f64]; (table 1 funcref) (memory i64 1)
     * (global (mut f64)) (func (local f64)
     *   global.get 0; local.tee 0; global.set 0
     *   i64.const 0; i32.load  ;; a memory64 address
     *   i32.const 0; call_indirect (type 1); drop) */
    {"variables and calls",
     {.types = B("\x02\x60\x00\x00\x60\x01\x7f\x01\x7c"), .funcs = F_ONE,
      .tables = B("\x01\x70\x00\x01"), .mems = B("\x01\x04\x01"),
      .globals = B("\x01\x7c\x01\x44\x00\x00\x00\x00\x00\x00\x00\x00\x0b"),
      .bodies = {B("\x01\x01\x7c\x23\x00\x22\x00\x24\x00\x42\x00\x28\x02\x00"
                   "\x41\x00\x11\x01\x00\x1a\x0b")}},
     {{0, "[] -> [f64]", true}, {1, "[f64] -> [f64]", true},
      {2, "[f64] -> []", true}, {6, "[i32 i32] -> [f64]", true},
      {7, "[f64] -> []", true}}},
    /* (tag (param i32))
     * try (result i32) i32.const 1 catch 0 end; drop;
     * i32.const 5; throw 0; end */
    {"legacy exceptions",
     {.types = B("\x02\x60\x00\x00\x60\x01\x7f\x00"), .funcs = F_ONE,
      .tags = B("\x01\x00\x01"),
      .bodies = {B("\x00\x06\x7f\x41\x01\x07\x00\x0b\x1a\x41\x05\x08\x00"
                   "\x0b")}},
     {{0, "[] -> []", true}, {2, "[i32] -> [i32]", true},
      {3, "[i32] -> [i32]", true}, {4, "[i32] -> []", true},
      {6, "[i32] -> []", true}}},
    /* (tag (param i32))
     * block (result i32) try_table (catch 0 0) i32.const 1; throw 0 end;
     * i32.const 0 end; drop; end */
    {"try_table",
     {.types = B("\x02\x60\x00\x00\x60\x01\x7f\x00"), .funcs = F_ONE,
      .tags = B("\x01\x00\x01"),
      .bodies = {B("\x00\x02\x7f\x1f\x40\x01\x00\x00\x00\x41\x01\x08\x00"
                   "\x0b\x41\x00\x0b\x1a\x0b")}},
     {{1, "[] -> []", true}, {3, "[i32] -> []", true},
      {4, "[] -> []", true}, {6, "[i32] -> [i32]", true},
      {7, "[i32] -> []", true}}},
    /* struct.new_default 1; struct.get 1 0; drop;
     * i32.const 3; array.new_default 2; i32.const 0; array.get_u 2; drop;
     * unreachable; array.new_fixed 2 1000000000; drop; end
     * (the dead array.new_fixed must not pop a billion operands) */
    {"gc", {.types = T_GC, .funcs = F_ONE,
            .bodies = {B("\x00\xfb\x01\x01\xfb\x02\x01\x00\x1a\x41\x03\xfb\x07"
                         "\x02\x41\x00\xfb\x0d\x02\x1a\x00\xfb\x08\x02\x80\x94"
                         "\xeb\xdc\x03\x1a\x0b")}},
     {{0, "[] -> [(ref 1)]", true}, {1, "[(ref 1)] -> [i32]", true},
      {4, "[i32] -> [(ref 2)]", true}, {6, "[(ref 2) i32] -> [i32]", true},
      {9, "[] -> [(ref 2)]", false}, {10, "[(ref 2)] -> []", true}}},
    /* block; ref.null 1; br_on_null 0; drop; end; end */
    {"br_on_null", {.types = T_GC, .funcs = F_ONE,
                    .bodies = {B("\x00\x02\x40\xd0\x01\xd5\x00\x1a\x0b\x0b")}},
     {{1, "[] -> [(ref null 1)]", true},
      {2, "[(ref null 1)] -> [(ref 1)]", true},
      {3, "[(ref 1)] -> []", true}}},
};

static void check_case(const Case *c)
{
    Run r;
    if (!run_case(c->name, &c->mod, &r))
        return;
    CHECK_MSG(r.ok, "%s: %s", c->name, r.err.msg);
    for (const Expect *e = c->expect; r.ok && e->want; e++) {
        if (e->at >= r.ed.ncode) {
            CHECK_MSG(false, "%s: no instruction %u", c->name, e->at);
            continue;
        }
        const WasmStackSig *s = &r.sigs[e->at];
        const char *got = show(s);
        CHECK_MSG(strcmp(got, e->want) == 0, "%s: instruction %u: %s, "
                  "expected %s", c->name, e->at, got, e->want);
        CHECK_MSG(s->known == e->known, "%s: instruction %u: known %d",
                  c->name, e->at, s->known);
    }
    end_run(&r);
}

/* ---- bodies whose types do not line up ------------------------------------------ */

typedef struct {
    const char *name;
    Bytes body;           /* of a [] -> [] function */
    uint32_t at;          /* the instruction the error names */
    const char *msg;      /* a part of the message */
} Bad;

static const Bad bad[] = {
    /* f64.const 1; i64.const 1; i32.const 0; select: two types */
    {"select of two types", B("\x00" F64_1 "\x42\x01\x41\x00\x1b\x1a\x0b"), 3,
     "expected i64 on the stack, found f64"},
    {"drop of nothing", B("\x00\x1a\x0b"), 0, "found nothing"},
    {"value left at end", B("\x00\x41\x01\x0b"), 1, "left on the stack"},
    /* i32.const 1; i64.const 1; i32.add */
    {"i32.add of an i64", B("\x00\x41\x01\x42\x01\x6a\x1a\x0b"), 2,
     "expected i32 on the stack, found i64"},
    /* ref.null func; i32.const 0; i32.const 1; select: untyped on refs */
    {"untyped select of a reference", B("\x00\xd0\x70\xd0\x70\x41\x01\x1b"
                                        "\x1a\x0b"), 3, "reference"},
};

static void check_bad(const Bad *b)
{
    Mod md = {.types = T_VOID, .funcs = F_ONE, .bodies = {b->body}};
    Run r;
    if (!run_case(b->name, &md, &r))
        return;
    char where[64];
    snprintf(where, sizeof where, "instruction %u (", b->at);
    CHECK_MSG(!r.ok, "%s: accepted", b->name);
    CHECK_MSG(r.sigs == NULL, "%s: output left set", b->name);
    CHECK_MSG(strstr(r.err.msg, where) && strstr(r.err.msg, b->msg),
              "%s: message '%s'", b->name, r.err.msg);
    /* the offset is the module offset of the instruction named */
    if (b->at < r.ed.ncode)
        CHECK_MSG(r.err.offset == r.m.funcs.v[0].body.off +
                                      r.ed.code[b->at].off,
                  "%s: offset %zu", b->name, r.err.offset);
    end_run(&r);
}

/* Truncated and shifted code, a missing function: false, never a crash. */
static void check_misuse(void)
{
    Mod md = cases[3].mod;
    Run r;
    if (!run_case("misuse", &md, &r))
        return;
    WasmStackSig *s;
    WasmError err;
    CHECK(!wasm_check_stack_types(&r.m, 0, r.ed.code, r.ed.ncode - 1, &r.a,
                                  &s, &err));
    CHECK(strstr(err.msg, "ends inside a block") != NULL);
    CHECK(!wasm_check_stack_types(&r.m, 0, r.ed.code + 2, r.ed.ncode - 2,
                                  &r.a, &s, &err));
    CHECK(!wasm_check_stack_types(&r.m, 7, r.ed.code, r.ed.ncode, &r.a, &s,
                                  &err));
    CHECK(!wasm_check_stack_types(&r.m, 0, r.ed.code, 0, &r.a, &s, &err));
    /* instructions that are not recorded are left zero */
    CHECK(r.ok && r.sigs[0].nparams == 0 && r.sigs[0].nresults == 0 &&
          !r.sigs[0].known);
    end_run(&r);
}

void suite_stacktypes(void)
{
    CHECK(wasm_op_stack_typed(WASM_OP_Drop));
    CHECK(wasm_op_stack_typed(WASM_OP_RefIsNull));
    CHECK(wasm_op_stack_typed(WASM_OP_BrOnNull));
    CHECK(wasm_op_stack_typed(WASM_OP_LocalTee));
    CHECK(!wasm_op_stack_typed(WASM_OP_I32Add));
    CHECK(!wasm_op_stack_typed(WASM_OP_I32Load));
    CHECK(!wasm_op_stack_typed(WASM_OP_TableSize));
    for (size_t i = 0; i < ARRAY_LEN(cases); i++)
        check_case(&cases[i]);
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        check_bad(&bad[i]);
    check_misuse();
}

/* ---- real modules -------------------------------------------------------------- */

typedef struct {
    uint32_t modules, funcs, typed, unknown;
} Tally;

/* Where opcodes.def fixes the operand count (drop "x:", select "xxi:x",
 * ref.is_null "r:i", ...), a known signature must have exactly it. */
static void check_counts(const char *path, uint32_t f, uint32_t i,
                         const WasmInstr *in, const WasmStackSig *s)
{
    int pops = wasm_op_pops((WasmOpcode)in->op);
    int pushes = wasm_op_pushes((WasmOpcode)in->op);
    CHECK_MSG((pops < 0 || s->nparams == (uint32_t)pops) &&
              (pushes < 0 || s->nresults == (uint32_t)pushes),
              "%s: function %u instruction %u (%s): %s", path, f, i,
              wasm_ops[in->op].name, show(s));
}

/* Whether brief b names what the full decode in does: a branch's or a
 * call's index, a br_table's or try_table's labels. */
static bool brief_agrees(const WasmBrief *b, const WasmInstr *in,
                         const uint32_t *lab)
{
    if (b->op != in->op || b->off != in->off)
        return false;
    switch (wasm_ops[in->op].imm) {
    case IMM_LABEL: case IMM_FUNC: case IMM_BR_ON_CAST:
        return b->a == in->a;
    case IMM_BR_TABLE: case IMM_TRY_TABLE:
        if (lab[b->a] != in->n)
            return false;
        for (uint32_t k = 0; k < in->n; k++)
            if (lab[b->a + 1 + k] != (wasm_ops[in->op].imm == IMM_BR_TABLE
                                          ? in->ext.labels[k]
                                          : in->ext.catches[k].label))
                return false;
        return true;
    default:
        return true;
    }
}

/* The body in brief (wasm_body_brief) is the body decoded in full. */
static void check_brief(const char *path, const WasmModule *m, uint32_t f,
                        const WasmBodyEditor *ed, Arena *a)
{
    uint32_t n = 0, nlocals = 0;
    const uint32_t *lab;
    const WasmBrief *b = wasm_body_brief(m, f, a, &n, &lab, &nlocals);
    CHECK_MSG(b && n == ed->ncode && nlocals == ed->nlocals,
              "%s: function %u: %u instructions, %u locals in brief; %u, "
              "%u decoded", path, f, n, nlocals, ed->ncode, ed->nlocals);
    for (uint32_t i = 0; b && i < n && i < ed->ncode; i++)
        if (!brief_agrees(&b[i], &ed->code[i], lab)) {
            CHECK_MSG(false, "%s: function %u instruction %u (%s at %u): "
                      "brief %u at %u, index %u", path, f, i,
                      wasm_ops[ed->code[i].op].name, ed->code[i].off,
                      b[i].op, b[i].off, b[i].a);
            return;
        }
}

static void check_func(const char *path, WasmModule *m, uint32_t f,
                       Arena *a, Tally *t)
{
    WasmBodyEditor ed;
    WasmError err;
    WasmStackSig *sigs;
    if (!wrw_open(&ed, m, f, a, &err)) {
        CHECK_MSG(false, "%s: function %u: %s", path, f, err.msg);
        return;
    }
    check_brief(path, m, f, &ed, a);
    bool ok = wasm_check_stack_types(m, f, ed.code, ed.ncode, a, &sigs, &err);
    CHECK_MSG(ok, "%s: %s", path, err.msg);
    for (uint32_t i = 0; ok && i < ed.ncode; i++) {
        if (!wasm_op_stack_typed((WasmOpcode)ed.code[i].op))
            continue;
        t->typed++;
        if (sigs[i].known)
            check_counts(path, f, i, &ed.code[i], &sigs[i]);
        else
            t->unknown++;
    }
    /* the same code without its first instruction: any answer, no crash */
    if (ed.ncode > 1 && wasm_check_stack_types(m, f, ed.code + 1,
                                               ed.ncode - 1, a, &sigs, &err))
        CHECK(sigs != NULL);
    t->funcs++;
}

static void check_file(const char *path, void *ctx)
{
    Tally *t = ctx;
    FileView v;
    char msg[256];
    if (!file_view_open(path, &v, msg, sizeof msg)) {
        CHECK_MSG(false, "%s", msg);
        return;
    }
    WasmModule m;
    WasmError err;
    if (wasm_module_read(&m, v.data, v.len, NULL, &err)) {
        Arena a;
        arena_init(&a);
        for (uint32_t f = m.nimported[WASM_EXT_FUNC]; f < m.funcs.n; f++) {
            check_func(path, &m, f, &a, t);
            arena_reset(&a);
        }
        arena_fini(&a);
        wasm_module_fini(&m);
        t->modules++;
    } else {
        CHECK_MSG(false, "%s: %s", path, err.msg);
    }
    file_view_close(&v);
}

void suite_stacktypes_corpus(void)
{
    const char *inputs = getenv("WHAMM_STACK_INPUTS");
    if (!inputs || !*inputs) { /* e.g. `whamm_unit` running every suite */
        printf("stacktypes_corpus: skipped (WHAMM_STACK_INPUTS not set)\n");
        return;
    }
    Tally t = {0};
    unit_each_wasm(inputs, check_file, &t);
    CHECK_MSG(t.modules > 0, "no module found in %s", inputs);
    printf("stacktypes: %u modules, %u functions, %u typed instructions "
           "(%u with unknown types)\n", t.modules, t.funcs, t.typed,
           t.unknown);
}
