/* test_edit.c -- the editing API: inserting code, adding an import in front
 * of the defined functions (which renumbers every reference), adding a
 * function, a global and an export; then decode(encode(m)) shows exactly
 * the expected module.  The input is built here byte by byte. */
#include "unit.h"

#include "wasm/wasm.h"

static void section(Buf *out, uint8_t id, const Buf *payload)
{
    buf_push(out, id);
    wenc_u32(out, (uint32_t)payload->len);
    buf_append(out, payload->data, payload->len);
}

static void add_name(Buf *b, const char *s) { wenc_name(b, s, strlen(s)); }

/* Module: type0 ()->(), type1 (i32)->()
 *   func 0: import env.f : type1
 *   func 1: "main" : type0 = i32.const 7; call 0; call 2; end
 *   func 2: "two"  : type0 = end
 *   table 0 funcref min 2; elem (i32.const 0) [1, 2]
 *   global 0: funcref = ref.func 2
 *   export "main" = func 1; start = func 2; names for funcs 0..2 */
static void build(Buf *mod)
{
    Buf p;
    buf_append(mod, "\0asm\1\0\0\0", 8);
    buf_init(&p);
    buf_append(&p, "\x02\x60\x00\x00\x60\x01\x7f\x00", 8);
    section(mod, 1, &p);
    p.len = 0;
    buf_push(&p, 1);
    add_name(&p, "env");
    add_name(&p, "f");
    buf_append(&p, "\x00\x01", 2);
    section(mod, 2, &p);
    p.len = 0;
    buf_append(&p, "\x02\x00\x00", 3);
    section(mod, 3, &p);
    p.len = 0;
    buf_append(&p, "\x01\x70\x00\x02", 4);
    section(mod, 4, &p);
    p.len = 0;
    buf_append(&p, "\x01\x70\x00\xd2\x02\x0b", 6);
    section(mod, 6, &p);
    p.len = 0;
    buf_push(&p, 1);
    add_name(&p, "main");
    buf_append(&p, "\x00\x01", 2);
    section(mod, 7, &p);
    p.len = 0;
    buf_push(&p, 2);
    section(mod, 8, &p);
    p.len = 0;
    buf_append(&p, "\x01\x00\x41\x00\x0b\x02\x01\x02", 8);
    section(mod, 9, &p);
    p.len = 0;
    buf_append(&p, "\x02" "\x08\x00\x41\x07\x10\x00\x10\x02\x0b"
                   "\x02\x00\x0b", 13);
    section(mod, 10, &p);
    p.len = 0;
    add_name(&p, "name");
    buf_append(&p, "\x01\x0f\x03" "\x00\x01" "f" "\x01\x04" "main"
                   "\x02\x03" "two", 17);
    section(mod, 0, &p);
    /* branch hints for functions 1 and 2: (offset 3, one byte 0x01) */
    p.len = 0;
    add_name(&p, "metadata.code.branch_hint");
    buf_append(&p, "\x02" "\x01\x01\x03\x01\x01" "\x02\x01\x01\x01\x00",
               11);
    section(mod, 0, &p);
    buf_fini(&p);
}

/* The hints of main (edited) are dropped; two's are kept under its new
 * index 3: vec(1) { func 3, vec(1) { offset 1, size 1, 0x00 } }. */
static void check_code_metadata(const WasmModule *m)
{
    const WasmSection *s = &m->sections.v[m->sections.n - 1];
    CHECK(s->id == 0 && strcmp(s->custom_name,
                               "metadata.code.branch_hint") == 0);
    const uint8_t *p = m->bytes + s->payload.off + 1 + s->custom_name_len;
    CHECK(s->payload.len == 1 + s->custom_name_len + 6);
    CHECK(memcmp(p, "\x01\x03\x01\x01\x01\x00", 6) == 0);
}

static void edit(WasmModule *m)
{
    Arena fa;
    arena_init(&fa);
    uint32_t g = wasm_add_import_func(m, "env", "g", 0);
    CHECK(g == 3);
    wasm_set_func_name(m, g, "g");
    WasmBodyEditor ed;
    WasmError err;
    CHECK(wrw_open(&ed, m, 1, &fa, &err));
    CHECK(ed.ncode == 4 && ed.code[1].op == WASM_OP_Call);
    WasmInstr call_g = wasm_instr_idx(WASM_OP_Call, g);
    wrw_insert_before(&ed, 0, &call_g, 1);
    uint32_t local = wrw_add_local(&ed, (WasmValType){WASM_I32, 0});
    CHECK(local == 0);
    WasmInstr set[2] = {wasm_instr_i32(5), wasm_instr_idx(WASM_OP_LocalSet,
                                                          local)};
    wrw_insert_after(&ed, 1, set, 2);
    /* i32.const 7 becomes i32.const 8; a later insert in front of it still
     * comes before the replacement */
    WasmInstr eight = wasm_instr_i32(8), nop = wasm_instr(WASM_OP_Nop);
    wrw_replace(&ed, 0, &eight, 1);
    wrw_insert_before(&ed, 0, &nop, 1);
    wrw_commit(&ed);
    arena_fini(&fa);
    WasmInstr call_main = wasm_instr_idx(WASM_OP_Call, 1);
    uint32_t added = wasm_add_func(m, 0, NULL, 0, &call_main, 1);
    CHECK(added == 4);
    WasmInstr init = wasm_instr_i32(42);
    uint32_t glob = wasm_add_global(m, (WasmValType){WASM_I32, 0}, true,
                                    &init, 1);
    CHECK(glob == 1);
    CHECK(wasm_add_export(m, "added", WASM_EXT_FUNC, added));
    uint32_t funcs[2] = {added, 2};
    CHECK(wasm_add_elem(m, WASM_SEG_DECLARATIVE, 0, NULL, 0, funcs, 2) == 1);
    CHECK(!wasm_add_export(m, "main", WASM_EXT_FUNC, added));
}

/* Decodes function f's code into out (no locals); returns the count. */
static uint32_t code_of(const WasmModule *m, uint32_t f, WasmInstr *out,
                        uint32_t max, Arena *a)
{
    WasmBodyEditor ed;
    WasmError err;
    if (!wrw_open(&ed, (WasmModule *)m, f, a, &err))
        return 0;
    for (uint32_t i = 0; i < ed.ncode && i < max; i++)
        out[i] = ed.code[i];
    return ed.ncode;
}

static void check_result(const Buf *bytes)
{
    WasmModule m;
    WasmError err;
    CHECK_MSG(wasm_module_read(&m, bytes->data, bytes->len, NULL, &err),
              "re-read: %s at 0x%zx", err.msg, err.offset);
    if (err.failed)
        return;
    CHECK(m.imports.n == 2 && strcmp(m.imports.v[1].field, "g") == 0);
    CHECK(m.funcs.n == 5 && m.globals.n == 2);
    Arena a;
    arena_init(&a);
    /* main is now function 2: call g(1); nop; i32.const 8 (replaced 7);
     * call f(0); after it: i32.const 5; local.set 0; call two(3); end */
    WasmInstr c[10];
    uint32_t n = code_of(&m, 2, c, 10, &a);
    CHECK_MSG(n == 8, "main has %u instructions", n);
    if (n == 8) {
        CHECK(c[0].op == WASM_OP_Call && c[0].a == 1);
        CHECK(c[1].op == WASM_OP_Nop);
        CHECK(c[2].op == WASM_OP_I32Const && c[2].x == 8);
        CHECK(c[3].op == WASM_OP_Call && c[3].a == 0);
        CHECK(c[4].op == WASM_OP_I32Const && c[4].x == 5);
        CHECK(c[5].op == WASM_OP_LocalSet && c[5].a == 0);
        CHECK(c[6].op == WASM_OP_Call && c[6].a == 3);
        CHECK(c[7].op == WASM_OP_End);
    }
    n = code_of(&m, 4, c, 10, &a);
    CHECK(n == 2 && c[0].op == WASM_OP_Call && c[0].a == 2);
    arena_fini(&a);
    CHECK(m.exports.v[0].index == 2 && m.exports.v[1].index == 4);
    CHECK(m.has_start && m.start == 3);
    CHECK(m.elems.v[0].funcs[0] == 2 && m.elems.v[0].funcs[1] == 3);
    CHECK(m.elems.n == 2 && m.elems.v[1].mode == WASM_SEG_DECLARATIVE &&
          m.elems.v[1].funcs[0] == 4 && m.elems.v[1].funcs[1] == 3);
    /* global 0's initialiser: ref.func 3; the added one: i32.const 42 */
    const uint8_t *init = m.bytes + m.globals.v[0].init.off;
    CHECK(init[0] == 0xD2 && init[1] == 3 && init[2] == 0x0B);
    int32_t v = 0;
    CHECK(!wasm_expr_i32_const(&m, &m.globals.v[0].init, &v));
    CHECK(wasm_expr_i32_const(&m, &m.globals.v[1].init, &v) && v == 42);
    CHECK(m.names_valid);
    CHECK(wasm_func_name(&m, 0) && strcmp(wasm_func_name(&m, 0), "f") == 0);
    CHECK(wasm_func_name(&m, 1) && strcmp(wasm_func_name(&m, 1), "g") == 0);
    CHECK(wasm_func_name(&m, 2) &&
          strcmp(wasm_func_name(&m, 2), "main") == 0);
    CHECK(wasm_func_name(&m, 3) && strcmp(wasm_func_name(&m, 3), "two") == 0);
    check_code_metadata(&m);
    wasm_module_fini(&m);
}

static void unchanged_roundtrip(const Buf *mod)
{
    WasmModule m;
    WasmError err;
    CHECK(wasm_module_read(&m, mod->data, mod->len, NULL, &err));
    Buf out;
    buf_init(&out);
    CHECK(wasm_module_write(&m, &out, &err));
    CHECK(out.len == mod->len && memcmp(out.data, mod->data, out.len) == 0);
    CHECK(m.names_valid && wasm_func_name(&m, 1) &&
          strcmp(wasm_func_name(&m, 1), "main") == 0);
    buf_fini(&out);
    wasm_module_fini(&m);
}

/* The reader's opcode summaries: main has i32.const, call (of the import
 * env.f, so the import bit too) and end; two only end. */
static void check_opmasks(const WasmModule *m)
{
    uint64_t main_ops = wasm_op_bit(WASM_OP_I32Const) |
                        wasm_op_bit(WASM_OP_Call) | wasm_op_bit(WASM_OP_End);
    CHECK(m->funcs.v[1].opmask == (main_ops | WASM_OPMASK_IMPORT_CALL));
    CHECK(m->funcs.v[2].opmask == wasm_op_bit(WASM_OP_End));
}

/* Issue 14: every name section is renumbered (custom sections may
 * repeat); one that does not parse is left out, and wasm_section_dropped
 * says so, once indices move (never before). */
static void extra_name_sections(const Buf *mod)
{
    Buf in, p, out;
    buf_init(&in);
    buf_init(&p);
    buf_init(&out);
    buf_append(&in, mod->data, mod->len);
    add_name(&p, "name");
    buf_append(&p, "\x01\x0f\x03" "\x00\x01" "f" "\x01\x04" "main"
                   "\x02\x03" "two", 17);
    section(&in, 0, &p);
    p.len = 0;
    add_name(&p, "name");
    buf_append(&p, "\x01\x05\x01", 3); /* a subsection past the end */
    section(&in, 0, &p);
    WasmModule m;
    WasmError err;
    CHECK_MSG(wasm_module_read(&m, in.data, in.len, NULL, &err), "%s",
              err.msg);
    uint32_t n = m.sections.n;
    CHECK(n >= 3 && !m.sections.v[n - 2].broken && m.sections.v[n - 1].broken);
    CHECK(wasm_section_dropped(&m, n - 1) == NULL);
    wasm_add_import_func(&m, "env", "g", 0); /* functions 1, 2 -> 2, 3 */
    for (uint32_t i = 0; i + 1 < n; i++)
        CHECK(wasm_section_dropped(&m, i) == NULL);
    CHECK(wasm_section_dropped(&m, n - 1) != NULL);
    CHECK(wasm_module_write(&m, &out, &err));
    wasm_module_fini(&m);
    CHECK_MSG(wasm_module_read(&m, out.data, out.len, NULL, &err), "%s",
              err.msg);
    uint32_t names = 0;
    const WasmSection *last = NULL;
    for (uint32_t i = 0; i < m.sections.n; i++) {
        const WasmSection *sec = &m.sections.v[i];
        if (sec->id == 0 && strcmp(sec->custom_name, "name") == 0) {
            names++;
            last = sec;
        }
    }
    CHECK_MSG(names == 2, "%u name sections", names);
    static const char want[] = "\x01\x0f\x03" "\x00\x01" "f" "\x02\x04"
                               "main" "\x03\x03" "two";
    CHECK(last && last->entries.len == sizeof want - 1 &&
          memcmp(m.bytes + last->entries.off, want, sizeof want - 1) == 0);
    wasm_module_fini(&m);
    buf_fini(&out);
    buf_fini(&p);
    buf_fini(&in);
}

/* wrw_scan_code / wrw_map_code: one instruction at a time. */
typedef struct {
    uint32_t seen, stop_at;
    WasmInstr out[2];
} OneAtATime;

static bool count_instr(void *ctx, const WasmInstr *in)
{
    OneAtATime *o = ctx;
    (void)in;
    return ++o->seen != o->stop_at;
}

/* call 0 -> nop; call 0 */
static uint32_t nop_before_calls(void *ctx, const WasmInstr *in,
                                 const WasmInstr **out)
{
    OneAtATime *o = ctx;
    uint32_t n = 0;
    if (in->op == WASM_OP_Call && in->a == 0)
        o->out[n++] = wasm_instr(WASM_OP_Nop);
    o->out[n++] = *in;
    *out = o->out;
    return n;
}

/* Mapping main's code gives the body wrw_commit_code gives for the same
 * instructions, and the scan sees them all (or stops when told). */
static void one_at_a_time(const Buf *mod)
{
    WasmModule m1, m2;
    WasmError err;
    CHECK(wasm_module_read(&m1, mod->data, mod->len, NULL, &err));
    CHECK(wasm_module_read(&m2, mod->data, mod->len, NULL, &err));
    Arena a;
    arena_init(&a);
    OneAtATime o = {0, 0, {{0}}};
    CHECK(wrw_scan_code(&m1, 1, &a, count_instr, &o, &err) && o.seen == 4);
    o = (OneAtATime){0, 2, {{0}}};
    CHECK(wrw_scan_code(&m1, 1, &a, count_instr, &o, &err) && o.seen == 2);
    CHECK(!wrw_scan_code(&m1, 0, &a, count_instr, &o, &err)); /* import */
    CHECK(wrw_map_code(&m1, 1, &a, nop_before_calls, &o, &err));
    WasmBodyEditor ed;
    CHECK(wrw_open(&ed, &m2, 1, &a, &err));
    WasmInstr want[5] = {ed.code[0], wasm_instr(WASM_OP_Nop), ed.code[1],
                         ed.code[2], ed.code[3]};
    wrw_commit_code(&ed, want, 5);
    const WasmFunc *f1 = &m1.funcs.v[1], *f2 = &m2.funcs.v[1];
    CHECK(f1->new_body && f2->new_body &&
          f1->new_body_len == f2->new_body_len &&
          memcmp(f1->new_body, f2->new_body, f1->new_body_len) == 0);
    CHECK(f1->ninstr == 5 && f1->refs == f2->refs);
    arena_fini(&a);
    wasm_module_fini(&m1);
    wasm_module_fini(&m2);
}

void suite_edit(void)
{
    Buf mod;
    buf_init(&mod);
    build(&mod);
    unchanged_roundtrip(&mod);
    extra_name_sections(&mod);
    one_at_a_time(&mod);
    WasmModule m;
    WasmError err;
    bool ok = wasm_module_read(&m, mod.data, mod.len, NULL, &err);
    CHECK_MSG(ok, "%s at 0x%zx", err.msg, err.offset);
    if (ok) {
        check_opmasks(&m);
        edit(&m);
        Buf out;
        buf_init(&out);
        CHECK_MSG(wasm_module_write(&m, &out, &err), "%s", err.msg);
        check_result(&out);
        buf_fini(&out);
        wasm_module_fini(&m);
    }
    buf_fini(&mod);
}
