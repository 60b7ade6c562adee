/* test_remap.c -- renumbering an untouched body when imports are added
 * (the writer copies it, re-encoding only the instructions whose index
 * moved).  One body holds an instruction of every shape the copier skips
 * or rewrites: non-canonical LEBs (kept when nothing moves, canonical when
 * rewritten), f32/f64 constants whose bytes look like LEB continuations, a
 * block typed (ref null func), loads from memory 0 and memory 1, a
 * prefixed memory.fill, call_indirect, br_table, call and ref.func.  The
 * expected output bytes are derived by hand below.  The same body goes
 * through wrw_patch_code, which skips what the copier skips. */
#include "unit.h"

#include "wasm/spill.h"
#include "wasm/wasm.h"

static void section(Buf *out, uint8_t id, const Buf *payload)
{
    buf_push(out, id);
    wenc_u32(out, (uint32_t)payload->len);
    buf_append(out, payload->data, payload->len);
}

/* The code of func 1 (after its local declarations). */
static const uint8_t main_in[] = {
    0x41, 0x80, 0x00,                   /* i32.const 0 (two-byte LEB) */
    0x21, 0x00,                         /* local.set 0 */
    0x23, 0x00, 0x1A,                   /* global.get 0 (imported); drop */
    0x23, 0x81, 0x00, 0x1A,             /* global.get 1 (two bytes); drop */
    0x41, 0x01, 0x24, 0x01,             /* i32.const 1; global.set 1 */
    0x43, 0x80, 0x80, 0x80, 0x80, 0x1A, /* f32.const; drop */
    0x44, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0x7F, 0x1A,
    0x02, 0x63, 0x70, 0xD0, 0x70, 0x0B, 0x1A, /* block (ref null func) */
    0x02, 0x40, 0x0B,                   /* block; end */
    0x41, 0x00, 0x28, 0x02, 0xAC, 0x02, 0x1A, /* i32.load offset=300 */
    0x41, 0x00, 0x28, 0x42, 0x01, 0x00, 0x1A, /* i32.load memory 1 */
    0x10, 0x00,                         /* call 0 (imported) */
    0x10, 0x02,                         /* call 2 */
    0xD2, 0x02, 0x1A,                   /* ref.func 2; drop */
    0x41, 0x00, 0x11, 0x00, 0x00,       /* call_indirect type 0 table 0 */
    0x41, 0x00, 0x41, 0x00, 0x41, 0x00,
    0xFC, 0x0B, 0x01,                   /* memory.fill memory 1 */
    0x41, 0x00, 0x0E, 0x01, 0x00, 0x00, /* br_table 0 0 */
    0x0B,
};

/* After adding an imported function, global and memory, the final order
 * puts each new import after the original imports:
 *   functions: f 0, (new) 1, main 1 -> 2, two 2 -> 3
 *   globals:   g 0, (new) 1, global 1 -> 2
 *   memories:  (new) 0, memory 0 -> 1, memory 1 -> 2
 * so global.get/set 1 become 2 (canonical LEB), both loads name their
 * memory (align with flag 0x40, then the index), memory.fill names 2,
 * call 2 and ref.func 2 become 3.  Everything else is copied as it was,
 * the two-byte i32.const included. */
static const uint8_t main_out[] = {
    0x41, 0x80, 0x00,
    0x21, 0x00,
    0x23, 0x00, 0x1A,
    0x23, 0x02, 0x1A,
    0x41, 0x01, 0x24, 0x02,
    0x43, 0x80, 0x80, 0x80, 0x80, 0x1A,
    0x44, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0x7F, 0x1A,
    0x02, 0x63, 0x70, 0xD0, 0x70, 0x0B, 0x1A,
    0x02, 0x40, 0x0B,
    0x41, 0x00, 0x28, 0x42, 0x01, 0xAC, 0x02, 0x1A,
    0x41, 0x00, 0x28, 0x42, 0x02, 0x00, 0x1A,
    0x10, 0x00,
    0x10, 0x03,
    0xD2, 0x03, 0x1A,
    0x41, 0x00, 0x11, 0x00, 0x00,
    0x41, 0x00, 0x41, 0x00, 0x41, 0x00,
    0xFC, 0x0B, 0x02,
    0x41, 0x00, 0x0E, 0x01, 0x00, 0x00,
    0x0B,
};

/* type 0 ()->(); import env.f (func), env.g (global i32 mut); funcs 1
 * (main: one i32 local) and 2 (two); table funcref 1; memories 0 and 1;
 * global 1 i32 mut = 0; export "two" (so ref.func may name it). */
static void build(Buf *mod)
{
    Buf p;
    buf_init(&p);
    buf_append(mod, "\0asm\1\0\0\0", 8);
    buf_append(&p, "\x01\x60\x00\x00", 4);
    section(mod, 1, &p);
    p.len = 0;
    buf_append(&p, "\x02" "\x03" "env" "\x01" "f" "\x00\x00"
                   "\x03" "env" "\x01" "g" "\x03\x7f\x01", 18);
    section(mod, 2, &p);
    p.len = 0;
    buf_append(&p, "\x02\x00\x00", 3);
    section(mod, 3, &p);
    p.len = 0;
    buf_append(&p, "\x01\x70\x00\x01", 4);
    section(mod, 4, &p);
    p.len = 0;
    buf_append(&p, "\x02\x00\x01\x00\x01", 5);
    section(mod, 5, &p);
    p.len = 0;
    buf_append(&p, "\x01\x7f\x01\x41\x00\x0b", 6);
    section(mod, 6, &p);
    p.len = 0;
    buf_append(&p, "\x01\x03" "two" "\x00\x02", 7);
    section(mod, 7, &p);
    p.len = 0;
    Buf body;
    buf_init(&body);
    buf_append(&body, "\x01\x01\x7f", 3); /* one i32 local */
    buf_append(&body, main_in, sizeof main_in);
    buf_push(&p, 2);
    wenc_u32(&p, (uint32_t)body.len);
    buf_append(&p, body.data, body.len);
    buf_append(&p, "\x02\x00\x0b", 3);
    section(mod, 10, &p);
    buf_fini(&body);
    buf_fini(&p);
}

/* The code of function f's body in the written module (after the local
 * declarations, which are 3 bytes for main and 1 for two). */
static bool body_code(const WasmModule *m, uint32_t f, uint32_t locals,
                      const uint8_t **code, uint32_t *len)
{
    if (f >= m->funcs.n || m->funcs.v[f].import >= 0)
        return false;
    *code = m->bytes + m->funcs.v[f].body.off + locals;
    *len = m->funcs.v[f].body.len - locals;
    return true;
}

/* wrw_patch_code on main: memory.fill becomes drop; drop; drop; call 2
 * (what a patch would put there), the ops patch is shown are recorded. */
typedef struct {
    uint32_t seen[16], nseen;
    uint32_t stop_op;       /* WRW_PATCH_STOP there */
    WasmInstr out[4];
} Patcher;

static uint32_t patch_fill(void *ctx, const WasmInstr *in,
                           const WasmInstr **out)
{
    Patcher *pt = ctx;
    if (pt->nseen < 16)
        pt->seen[pt->nseen++] = in->op;
    if (in->op == pt->stop_op)
        return WRW_PATCH_STOP;
    if (in->op != WASM_OP_MemoryFill)
        return WRW_PATCH_KEEP;
    pt->out[0] = pt->out[1] = pt->out[2] = wasm_instr(WASM_OP_Drop);
    pt->out[3] = wasm_instr_idx(WASM_OP_Call, 2);
    *out = pt->out;
    return 4;
}

/* The offsets in main_in: memory.fill at 74 (3 bytes); call 0, call 2
 * and ref.func 2 at 56, 58, 60.  Only the instructions the skip table
 * does not know are shown to patch, in order; the rest, non-canonical
 * LEBs included, are copied.  37 instructions become 40; the function
 * sites are those three and the added call (at 74 + 3 drops), each after
 * the 3 bytes of local declarations. */
static void patch_main(const Buf *mod)
{
    WasmModule m;
    WasmError err;
    CHECK(wasm_module_read(&m, mod->data, mod->len, NULL, &err));
    Arena a;
    arena_init(&a);
    Patcher pt = {.stop_op = UINT32_MAX};
    CHECK_MSG(wrw_patch_code(&m, 1, &a, patch_fill, &pt, &err), "%s",
              err.msg);
    static const uint32_t seen[] = {
        WASM_OP_Block, WASM_OP_RefNull, WASM_OP_I32Load,
        WASM_OP_CallIndirect, WASM_OP_MemoryFill, WASM_OP_BrTable};
    CHECK(pt.nseen == 6 && memcmp(pt.seen, seen, sizeof seen) == 0);
    const WasmFunc *f = &m.funcs.v[1];
    Buf want;
    buf_init(&want);
    buf_append(&want, "\x01\x01\x7f", 3);
    buf_append(&want, main_in, 74);
    buf_append(&want, "\x1a\x1a\x1a\x10\x02", 5);
    buf_append(&want, main_in + 77, sizeof main_in - 77);
    CHECK(f->new_body && f->new_body_len == want.len &&
          memcmp(f->new_body, want.data, want.len) == 0);
    CHECK_MSG(f->ninstr == 40, "%u instructions", f->ninstr);
    CHECK(f->refs & WASM_REFS_FUNC);
    uint32_t nsites = 0;
    const uint32_t *sites = wspill_sites(&m, 1, f->new_body, &nsites);
    static const uint32_t want_sites[] = {59, 61, 63, 80};
    CHECK(sites && nsites == 4 &&
          memcmp(sites, want_sites, sizeof want_sites) == 0);
    buf_fini(&want);
    arena_fini(&a);
    wasm_module_fini(&m);
}

/* Stopping, or keeping everything, leaves the body as it was; an import
 * or a body that does not decode is an error, not a crash. */
static void patch_refusals(const Buf *mod)
{
    WasmModule m;
    WasmError err;
    CHECK(wasm_module_read(&m, mod->data, mod->len, NULL, &err));
    Arena a;
    arena_init(&a);
    Patcher pt = {.stop_op = WASM_OP_CallIndirect};
    CHECK(wrw_patch_code(&m, 1, &a, patch_fill, &pt, &err));
    CHECK(pt.nseen == 4 && !m.funcs.v[1].new_body);
    pt = (Patcher){.stop_op = UINT32_MAX};
    CHECK(wrw_patch_code(&m, 2, &a, patch_fill, &pt, &err));
    CHECK(pt.nseen == 0 && !m.funcs.v[2].new_body);
    CHECK(!wrw_patch_code(&m, 0, &a, patch_fill, &pt, &err) && err.failed);
    static const uint8_t *bad[] = {
        (const uint8_t *)"\x00\x41",             /* LEB missing */
        (const uint8_t *)"\x00\x41\x80",         /* LEB cut short */
        (const uint8_t *)"\x00\x44\x00\x00",     /* f64.const cut short */
        (const uint8_t *)"\x00\x0b\xfc",         /* prefix alone */
        (const uint8_t *)"\x00\x0e\x05\x00",     /* br_table cut short */
        (const uint8_t *)"\x00\x28\x42",         /* memarg cut short */
        (const uint8_t *)"\x00\xff\x0b",         /* no such opcode */
        (const uint8_t *)"\x05",                 /* locals cut short */
    };
    static const uint32_t len[] = {2, 3, 4, 3, 4, 3, 3, 1};
    for (uint32_t i = 0; i < sizeof len / sizeof *len; i++) {
        m.funcs.v[2].new_body = bad[i];
        m.funcs.v[2].new_body_len = len[i];
        CHECK_MSG(!wrw_patch_code(&m, 2, &a, patch_fill, &pt, &err) &&
                  err.failed, "malformed body %u", i);
    }
    m.funcs.v[2].new_body = NULL;
    arena_fini(&a);
    wasm_module_fini(&m);
}

void suite_remap(void)
{
    Buf mod;
    buf_init(&mod);
    build(&mod);
    patch_main(&mod);
    patch_refusals(&mod);
    WasmModule m;
    WasmError err;
    bool read = wasm_module_read(&m, mod.data, mod.len, NULL, &err);
    CHECK_MSG(read, "%s", err.msg);
    if (!read) {
        buf_fini(&mod);
        return;
    }
    wasm_add_import_func(&m, "env", "h", 0);
    wasm_add_import_global(&m, "env", "g2", (WasmValType){WASM_I32, 0},
                           false);
    wasm_add_import_memory(&m, "env", "m2",
                           (WasmLimits){.min = 1, .page_log2 = 16});
    Buf out;
    buf_init(&out);
    CHECK_MSG(wasm_module_write(&m, &out, &err), "%s", err.msg);
    wasm_module_fini(&m);

    WasmModule w;
    read = wasm_module_read(&w, out.data, out.len, NULL, &err);
    CHECK_MSG(read, "%s", err.msg);
    if (!read) {
        buf_fini(&out);
        buf_fini(&mod);
        return;
    }
    const uint8_t *code;
    uint32_t len;
    CHECK(body_code(&w, 2, 3, &code, &len));
    CHECK_MSG(len == sizeof main_out && memcmp(code, main_out, len) == 0,
              "main's code differs (%u bytes, expected %zu)", len,
              sizeof main_out);
    CHECK(body_code(&w, 3, 1, &code, &len));
    CHECK(len == 1 && code[0] == 0x0B);
    wasm_module_fini(&w);
    buf_fini(&out);
    buf_fini(&mod);
}
