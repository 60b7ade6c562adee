/* gen_provider_yaml.c -- writes providers/wasm/opcode.yaml, the wasm:opcode
 * package, from the opcode table (the one source of truth for opcodes): one
 * event per OPF_EVENT row of core/wasm/opcodes.def, in table order (= event
 * order), with the bound items that follow from the row: argN/resN
 * typed from the signature column as the reference's tables type them
 * (tests/provider/data/, the provider.reference test), immN from the
 * immediate shape, memarg,
 * call, br_table and table extras, and the mode set.  The wording lives in
 * the hand-written core/tools/opcode-common.yaml, copied to the top of the
 * output; events refer to its anchors.
 *
 * usage: gen_provider_yaml COMMON.yaml OUT.yaml
 * The build's providers-in-sync test runs it into the build directory and
 * compares with the checked-in file; `regen-providers` rewrites that. */
#include "wasm/wasm.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    Buf *b;
    const WasmOpInfo *op;
    const char *name;        /* event name: text with ' ' -> '_' */
} Gen;

static void line(Gen *g, const char *fmt, const char *a)
{
    buf_printf(g->b, "              - ");
    buf_printf(g->b, fmt, a);
    buf_push(g->b, '\n');
}

static bool is(const Gen *g, const char *name)
{
    return strcmp(g->name, name) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void typed(Gen *g, const char *kind, int k, const char *type)
{
    char fmt[64];
    snprintf(fmt, sizeof fmt, "{<<: *%s%d, type: %%s}", kind, k);
    line(g, fmt, type);
}

/* ---- operand and result types ------------------------------------------
 * The types follow the reference's tables (tests/provider/data/, checked
 * by the provider.reference test), which are not uniform; each exception
 * below is one of theirs. */

/* Operands read as u32/u64: the `_u` comparisons and conversions,
 * i32.div_u and i32.rem_u.  The reference keeps the Wasm type for the
 * operands of i32.shr_u, i64.div_u, i64.rem_u, i64.shr_u and the atomic
 * `*_u` read-modify-writes, and so do we. */
static bool unsigned_operands(const Gen *g)
{
    if (!ends_with(g->name, "_u"))
        return false;
    return g->op->category == WASM_CAT_COMPARE ||
           g->op->category == WASM_CAT_CONVERT || is(g, "i32.div_u") ||
           is(g, "i32.rem_u");
}

/* whamm type of operand letter c (opcodes.def header). */
static const char *operand_type(const Gen *g, char c)
{
    bool u = unsigned_operands(g);
    switch (c) {
    case 'i':   /* the reference reads array.new(_default)'s length as u32 */
        return u || is(g, "array.new") || is(g, "array.new_default")
                   ? "u32" : "i32";
    case 'I': return u ? "u64" : "i64";
    case 'f': return "f32";
    case 'F': return "f64";
    case 'a':   /* an address; memory.init/copy/fill's operands are i32 */
        return is(g, "memory.init") || is(g, "memory.copy") ||
                       is(g, "memory.fill") ? "i32" : "u32";
    case 't': return "i32";
    default: return "unknown";   /* x, r, v: type depends on context */
    }
}

/* whamm type of result letter c: its Wasm type, as in the results the
 * reference types (i32.load8_u's res0 is i32).  A resulting `a` is
 * memory.size/grow's page count: i32, so that failed = res0 == -1. */
static const char *result_type(char c)
{
    switch (c) {
    case 'i': case 'a': case 't': return "i32";
    case 'I': return "i64";
    case 'f': return "f32";
    case 'F': return "f64";
    default: return "unknown";
    }
}

/* ---- operands and results (arg0 is the top of the stack) ------------ */

static void gen_varargs(Gen *g)
{
    static const char *const none[] = {"unreachable", "else", "end", "br",
                                       "return", "try_table"};
    for (size_t i = 0; i < ARRAY_LEN(none); i++)
        if (is(g, none[i]))
            return;
    if (is(g, "if") || is(g, "br_if") || is(g, "br_table")) {
        typed(g, "arg", 0, "u32");
        return;
    }
    line(g, "*args%s", "");
    if (g->op->imm == IMM_CALL_INDIRECT)
        typed(g, "arg", 0, "i32");
}

/* Operands whose type depends on the context (x) or that are references
 * (r) are bound as the pattern arg[0:9]+, like the reference does (drop,
 * select, table.set, the ref and GC instructions); the other operands of
 * such an instruction keep a typed argN as well.  local.set/tee and
 * global.set bind a concrete `arg0: unknown` instead, as it does. */
static bool operand_pattern(const Gen *g, const char *params, size_t np)
{
    if (g->op->imm == IMM_LOCAL || g->op->imm == IMM_GLOBAL)
        return false;
    return memchr(params, 'x', np) || memchr(params, 'r', np);
}

static void gen_operands(Gen *g, const char *sig, size_t np)
{
    if (memchr(sig, '*', np)) {
        gen_varargs(g);
        return;
    }
    bool pattern = operand_pattern(g, sig, np);
    if (pattern)
        line(g, "*args%s", "");
    for (size_t k = 0; k < np; k++) {
        char c = sig[np - 1 - k];
        if (!pattern || (c != 'x' && c != 'r'))
            typed(g, "arg", (int)k, operand_type(g, c));
    }
}

/* Calls bind their results as res[0:9]+: the calls that return here and,
 * as in the reference, return_call_indirect (a tail call: its `after`
 * never runs, so there the name only type-checks). */
static bool binds_call_results(const Gen *g)
{
    if (!(g->op->flags & OPF_CALL))
        return false;
    return !(g->op->flags & OPF_UNCOND) || g->op->imm == IMM_CALL_INDIRECT;
}

static void gen_stack(Gen *g)
{
    const char *sig = g->op->sig, *colon = strchr(sig, ':');
    gen_operands(g, sig, (size_t)(colon - sig));
    const char *res = colon + 1;
    size_t nr = strlen(res);
    if (strchr(res, '*')) {
        if (binds_call_results(g))
            line(g, "*results%s", "");
        return;
    }
    /* we also bind the results the reference leaves out (res0 of i32.add,
     * ...): docs/providers.md */
    for (size_t k = 0; k < nr; k++)
        typed(g, "res", (int)k, result_type(res[nr - 1 - k]));
}

/* ---- immediates and the extras they imply --------------------------- */

/* Bytes accessed: from the width in the name, else the value type. */
static unsigned access_bytes(const Gen *g, char vt)
{
    static const struct {
        const char *s;
        unsigned n;
    } widths[] = {
        {"load8", 1}, {"store8", 1}, {"rmw8", 1}, {"load16", 2},
        {"store16", 2}, {"rmw16", 2}, {"load32", 4}, {"store32", 4},
        {"rmw32", 4}, {"wait32", 4}, {"wait64", 8}, {"notify", 4},
    };
    for (size_t i = 0; i < ARRAY_LEN(widths); i++)
        if (strstr(g->name, widths[i].s))
            return widths[i].n;
    return vt == 'I' || vt == 'F' ? 8 : 4;
}

static void gen_memarg(Gen *g)
{
    const char *sig = g->op->sig, *colon = strchr(sig, ':');
    size_t np = (size_t)(colon - sig);
    bool load = np == 1;            /* a:T -- plain and atomic loads */
    bool write = !load && !strstr(g->name, "notify") &&
                 !strstr(g->name, "wait");
    char addr[32], size[16];
    /* the address is the bottom operand: arg(np-1); for cmpxchg that is
     * arg2, where the reference says arg1 (the expected value): we keep
     * the right one (tests/provider/data/opcode-deviations.tsv) */
    snprintf(addr, sizeof addr, "arg%zu", np - 1);
    snprintf(size, sizeof size, "'%u'",
             access_bytes(g, load ? colon[1] : sig[np - 1]));
    line(g, "*memarg%s", "");
    line(g, "{<<: *addr, derived_from: %s}", addr);
    line(g, "{<<: *data_size, derived_from: %s}", size);
    line(g, "{<<: *is_write, derived_from: '%s'}", write ? "true" : "false");
}

static void imms_u32(Gen *g, int n)
{
    for (int k = 0; k < n; k++)
        typed(g, "imm", k, "u32");
}

static void gen_calls(Gen *g)
{
    if (g->op->imm == IMM_FUNC) {
        imms_u32(g, 1);
        line(g, "*call_target%s", "");
    } else if (g->op->imm == IMM_CALL_INDIRECT) {
        imms_u32(g, 2);
        line(g, "*funcref_target%s", "");
    } else {                       /* call_ref, return_call_ref */
        imms_u32(g, 1);
        line(g, "*resolved_fid_static%s", "");
    }
}

/* GC type immediates: imm0 (and imm1) with tid = imm0, field_idx = imm1.
 * array.copy names two array types (destination, source), so it has no
 * single tid; the reference binds none there either. */
static void gen_type_imms(Gen *g)
{
    int n = g->op->imm == IMM_TYPE ? 1 : 2;
    imms_u32(g, n);
    if (g->op->imm != IMM_TYPE_TYPE)
        line(g, "*tid%s", "");
    if (g->op->imm == IMM_TYPE_FIELD)
        line(g, "*field_idx%s", "");
}

static void gen_imms(Gen *g)
{
    if (g->op->flags & OPF_CALL) {
        gen_calls(g);
        return;
    }
    switch ((WasmImmShape)g->op->imm) {
    case IMM_LABEL: case IMM_LOCAL: case IMM_GLOBAL: case IMM_TABLE:
    case IMM_ELEM: case IMM_DATA: case IMM_MEM: case IMM_TAG:
        imms_u32(g, 1);
        break;
    case IMM_TABLE_TABLE: case IMM_ELEM_TABLE: case IMM_DATA_MEM:
    case IMM_MEM_MEM:
        imms_u32(g, 2);
        break;
    case IMM_FUNC:                 /* ref.func */
        imms_u32(g, 1);
        line(g, "{<<: *resolved_fid_static, derived_from: imm0 as i32, "
                "docs: %s}", "The index of the referenced function.");
        break;
    case IMM_TYPE: case IMM_TYPE_FIELD: case IMM_TYPE_TYPE: case IMM_TYPE_N:
    case IMM_TYPE_DATA: case IMM_TYPE_ELEM:
        gen_type_imms(g);
        break;
    case IMM_BR_TABLE: line(g, "*br_table%s", ""); break;
    case IMM_I32: typed(g, "imm", 0, "i32"); break;
    case IMM_I64: typed(g, "imm", 0, "i64"); break;
    case IMM_F32: typed(g, "imm", 0, "f32"); break;
    case IMM_F64: typed(g, "imm", 0, "f64"); break;
    case IMM_HEAPTYPE:
        if (!is(g, "ref.null"))
            line(g, "*imms%s", "");
        break;
    case IMM_BR_ON_CAST:
        typed(g, "imm", 0, "u32");
        typed(g, "imm", 1, "unknown");
        typed(g, "imm", 2, "unknown");
        break;
    case IMM_MEMARG: gen_memarg(g); break;
    default: break;   /* blocktype, select types, fence, ...; array.len has
                       * no immediate, so no imm0/tid as the reference's
                       * older draft has (opcode-deviations.tsv) */
    }
}

static void gen_extras(Gen *g)
{
    if (is(g, "memory.grow"))
        line(g, "*failed%s", "");
    if (is(g, "table.get"))
        line(g, "*funcref_target%s", "");
    if (is(g, "table.set"))
        line(g, "*resolved_fid_static%s", "");
}

static void gen_fns(Gen *g)
{
    const char *fn = NULL;
    if (g->op->imm == IMM_FUNC && (g->op->flags & OPF_CALL))
        fn = "*alt_call";
    else if (g->op->imm == IMM_CALL_INDIRECT || is(g, "table.get"))
        fn = "[*resolve_funcref]";
    else if (is(g, "memory.init") || is(g, "memory.copy") ||
             is(g, "memory.fill"))
        fn = "[*dup_at]";
    if (fn)
        buf_printf(g->b, "            bound_fns: %s\n", fn);
}

static const char *modes(const Gen *g)
{
    if (is(g, "unreachable"))
        return "*modes_unreachable";
    if (is(g, "end"))
        return "*modes_end";
    if ((g->op->flags & OPF_BLOCK) || is(g, "else"))
        return "*modes_block";
    if (is(g, "br") || is(g, "br_if") || is(g, "br_table"))
        return "*modes_branch";
    return "*modes_default";
}

static void gen_event(Buf *b, const WasmOpInfo *op)
{
    char name[64], code[32];
    snprintf(name, sizeof name, "%s", op->name);
    for (char *s = name; *s; s++)
        if (*s == ' ')
            *s = '_';
    Gen g = {b, op, name};
    if (op->prefix)
        snprintf(code, sizeof code, "0x%02X%02X", op->prefix, op->code);
    else
        snprintf(code, sizeof code, "0x%02X", op->code);
    const char *cat = wasm_category_name((WasmCategory)op->category);
    buf_printf(b, "          - name: %s\n", name);
    buf_printf(b, "            docs: \"The `%s` instruction (opcode %s, category %s).\"\n",
               op->name, code, cat);
    buf_printf(b, "            bound_vars:\n");
    /* the event name, typed_select included (the reference's YAML says
     * "select" there but binds "typed_select": opcode-deviations.tsv) */
    line(&g, "{<<: *opname, derived_from: '\"%s\"'}", name);
    line(&g, "{<<: *bytecode, derived_from: '%s'}", code);
    char id[16];
    snprintf(id, sizeof id, "%u", op->category);
    line(&g, "{<<: *category_id, derived_from: '%s'}", id);
    line(&g, "{<<: *category_name, derived_from: '\"%s\"'}", cat);
    gen_stack(&g);
    gen_imms(&g);
    gen_extras(&g);
    gen_fns(&g);
    buf_printf(b, "            supported_modes: %s\n", modes(&g));
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_provider_yaml COMMON.yaml OUT.yaml\n");
        return 2;
    }
    Buf common, out;
    buf_init(&common);
    buf_init(&out);
    char err[512];
    if (!file_read_all(argv[1], &common, err, sizeof err)) {
        fprintf(stderr, "gen_provider_yaml: %s\n", err);
        return 1;
    }
    buf_printf(&out, "# GENERATED by core/tools/gen_provider_yaml.c from "
                     "core/wasm/opcodes.def and\n# core/tools/"
                     "opcode-common.yaml: do not edit (see docs/providers.md)."
                     "\n\n");
    buf_append(&out, common.data, common.len);
    buf_printf(&out, "\nproviders:\n  - name: wasm    # extends "
                     "providers/wasm.yaml\n    packages:\n"
                     "      - name: opcode\n        <<: *opcode_package\n"
                     "        events:\n");
    for (int i = 0; i < WASM_OP_COUNT; i++)
        if (wasm_ops[i].flags & OPF_EVENT)
            gen_event(&out, &wasm_ops[i]);
    bool ok = file_write_atomic(argv[2], out.data, out.len, err, sizeof err);
    if (!ok)
        fprintf(stderr, "gen_provider_yaml: %s\n", err);
    buf_fini(&common);
    buf_fini(&out);
    return ok ? 0 : 1;
}
