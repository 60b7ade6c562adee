/* gen_provider_yaml.c -- writes providers/wasm/opcode.yaml, the wasm:opcode
 * package, from the opcode table (style.md rule 1): one event per OPF_EVENT
 * row of core/wasm/opcodes.def, in table order (= event order, language.md
 * §6.4), with the bound items that follow from the row (§6.5): argN/resN
 * typed from the signature column, immN from the immediate shape, memarg,
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
    bool unsigned_ints;      /* name ends in _u: i32/i64 read as u32/u64 */
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

/* whamm type of one signature letter (opcodes.def header). */
static const char *sig_type(const Gen *g, char c)
{
    switch (c) {
    case 'i': return g->unsigned_ints ? "u32" : "i32";
    case 'I': return g->unsigned_ints ? "u64" : "i64";
    case 'f': return "f32";
    case 'F': return "f64";
    case 'a': return "u32";
    case 't': return "i32";
    default: return "unknown";   /* x, r, v: type depends on context */
    }
}

static void typed(Gen *g, const char *kind, int k, const char *type)
{
    char fmt[64];
    snprintf(fmt, sizeof fmt, "{<<: *%s%d, type: %%s}", kind, k);
    line(g, fmt, type);
}

/* ---- operands and results (language.md §5.4: arg0 is the top) -------- */

static void gen_varargs(Gen *g)
{
    static const char *const none[] = {"unreachable", "else", "end", "br",
                                       "return", "try_table", "br_on_cast",
                                       "br_on_cast_fail"};
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

static void gen_stack(Gen *g)
{
    const char *sig = g->op->sig, *colon = strchr(sig, ':');
    size_t np = (size_t)(colon - sig);
    if (memchr(sig, '*', np))
        gen_varargs(g);
    else
        for (size_t k = 0; k < np; k++)
            typed(g, "arg", (int)k, sig_type(g, sig[np - 1 - k]));
    const char *res = colon + 1;
    size_t nr = strlen(res);
    if (strchr(res, '*')) {
        if ((g->op->flags & OPF_CALL) && !(g->op->flags & OPF_UNCOND))
            line(g, "*results%s", "");
        return;
    }
    /* a resulting `a` is memory.size/grow's page count: i32, -1 = failed */
    for (size_t k = 0; k < nr; k++)
        typed(g, "res", (int)k, res[nr - 1 - k] == 'a'
                                    ? "i32" : sig_type(g, res[nr - 1 - k]));
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
    /* the address is the bottom operand: arg(np-1) */
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

static void gen_type_imms(Gen *g)
{
    int n = g->op->imm == IMM_TYPE ? 1 : 2;
    imms_u32(g, n);
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
        line(g, "{<<: *resolved_fid_static, lifetime: derived, "
                "derived_from: imm0 as i32, docs: %s}",
             "The index of the referenced function.");
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
    default: break;                /* blocktype, select types, fence, ... */
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
    Gen g = {b, op, name, ends_with(name, "_u")};
    if (op->prefix)
        snprintf(code, sizeof code, "0x%02X%02X", op->prefix, op->code);
    else
        snprintf(code, sizeof code, "0x%02X", op->code);
    const char *cat = wasm_category_name((WasmCategory)op->category);
    buf_printf(b, "          - name: %s\n", name);
    buf_printf(b, "            docs: \"The `%s` instruction (opcode %s, category %s).\"\n",
               op->name, code, cat);
    buf_printf(b, "            bound_vars:\n");
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
