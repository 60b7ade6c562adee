/* test_splice.c -- the sites the reader records (wasm_body_sites) and code
 * spliced in front of some of them (wrw_splice_before): the module written
 * with a splice is byte for byte the one that inserting the same code with
 * the body editor and committing gives, when an added import renumbers
 * every call, and when the body is opened again before the write (which
 * makes it then).  The input is built here byte by byte. */
#include "unit.h"

#include "wasm/wasm.h"

static void section(Buf *out, uint8_t id, const uint8_t *p, size_t n)
{
    buf_push(out, id);
    wenc_u32(out, (uint32_t)n);
    buf_append(out, p, n);
}

/* Module: type0 ()->()
 *   func 0: import env.f : type0
 *   func 1: type0, body (offsets into it):
 *      0 (no locals)  1 call 0       3 unreachable   4 block
 *      6 call 2, its index padded to 5 bytes         12 br 0
 *     14 end         15 ref.func 2  17 drop         18 unreachable  19 end
 *   func 2: type0 = call 0; unreachable; end (plain: when validating,
 *     the validator's fast path records these two)
 *   export "two" = func 2 (so that ref.func 2 validates) */
static const uint8_t body1[] = {
    0x00, 0x10, 0x00, 0x00, 0x02, 0x40, 0x10, 0x82, 0x80, 0x80, 0x80, 0x00,
    0x0c, 0x00, 0x0b, 0xd2, 0x02, 0x1a, 0x00, 0x0b,
};
static const uint32_t sites1[] = {1, 3, 6, 15, 18};

static void build(Buf *mod)
{
    buf_append(mod, "\0asm\1\0\0\0", 8);
    section(mod, 1, (const uint8_t *)"\x01\x60\x00\x00", 4);
    section(mod, 2, (const uint8_t *)"\x01\x03" "env" "\x01" "f" "\x00\x00",
            9);
    section(mod, 3, (const uint8_t *)"\x02\x00\x00", 3);
    section(mod, 7, (const uint8_t *)"\x01\x03" "two" "\x00\x02", 7);
    Buf code;
    buf_init(&code);
    buf_push(&code, 2);
    wenc_u32(&code, sizeof body1);
    buf_append(&code, body1, sizeof body1);
    buf_append(&code, "\x05\x00\x10\x00\x00\x0b", 6);
    section(mod, 10, code.data, code.len);
    buf_fini(&code);
}

static bool read_module(WasmModule *m, const Buf *mod, bool validated)
{
    WasmError err;
    bool ok = validated
        ? wasm_module_read_validated(m, mod->data, mod->len, NULL, &err)
        : wasm_module_read(m, mod->data, mod->len, NULL, &err);
    CHECK_MSG(ok, "%s at 0x%zx", err.msg, err.offset);
    return ok;
}

/* Both readers record the same sites: every call, return_call, ref.func
 * and unreachable (the padded call too). */
static void recorded_sites(const Buf *mod, bool validated)
{
    WasmModule m;
    if (!read_module(&m, mod, validated))
        return;
    uint32_t n;
    const uint32_t *s = wasm_body_sites(&m, 1, &n);
    CHECK(s && n == 5 && memcmp(s, sites1, sizeof sites1) == 0);
    s = wasm_body_sites(&m, 2, &n);
    CHECK(s && n == 2 && s[0] == 1 && s[1] == 3);
    CHECK(!wasm_body_sites(&m, 0, &n)); /* an import */
    wasm_module_fini(&m);
}

/* `call g` (g: an import added here, which moves functions 1 and 2). */
static uint32_t add_g(WasmModule *m, Buf *call)
{
    uint32_t g = wasm_add_import_func(m, "env", "g", 0);
    WasmInstr in = wasm_instr_idx(WASM_OP_Call, g);
    call->len = 0;
    wenc_instr(call, &in);
    return g;
}

static bool written(const WasmModule *m, Buf *out)
{
    WasmError err;
    out->len = 0;
    bool ok = wasm_module_write(m, out, &err);
    CHECK_MSG(ok, "%s", err.msg);
    return ok;
}

/* The oracle: `call g` inserted before both unreachables (instructions 1
 * and 8 of func 1) by the editor. */
static void committed(const Buf *mod, Buf *out, uint32_t *ninstr)
{
    WasmModule m;
    if (!read_module(&m, mod, true))
        return;
    Buf call;
    buf_init(&call);
    WasmInstr in = wasm_instr_idx(WASM_OP_Call, add_g(&m, &call));
    Arena a;
    arena_init(&a);
    WasmBodyEditor ed;
    WasmError err;
    CHECK(wrw_open(&ed, &m, 1, &a, &err) && ed.ncode == 10);
    wrw_insert_before(&ed, 1, &in, 1);
    wrw_insert_before(&ed, 8, &in, 1);
    wrw_commit(&ed);
    *ninstr = m.funcs.v[1].ninstr;
    CHECK(written(&m, out));
    arena_fini(&a);
    buf_fini(&call);
    wasm_module_fini(&m);
}

/* The splice, written as it is (reopen false) or made by opening the
 * body again and committing it unchanged. */
static void spliced(const Buf *mod, const Buf *want, uint32_t ninstr,
                    bool reopen)
{
    WasmModule m;
    if (!read_module(&m, mod, true))
        return;
    Buf call, out;
    buf_init(&call);
    buf_init(&out);
    add_g(&m, &call);
    const uint32_t not_a_start[] = {4, 5};
    CHECK(!wrw_splice_before(&m, 1, not_a_start, 2, call.data,
                             (uint32_t)call.len, 1, WASM_REFS_FUNC));
    const uint32_t at[] = {3, 18};
    CHECK(wrw_splice_before(&m, 1, at, 2, call.data, (uint32_t)call.len, 1,
                            WASM_REFS_FUNC));
    const WasmFunc *f = &m.funcs.v[1];
    CHECK(f->ninstr == ninstr && !f->new_body);
    CHECK(wasm_body_len(&m, f) == sizeof body1 + 2 * call.len);
    uint32_t n;
    CHECK(!wasm_body_sites(&m, 1, &n)); /* the body is not the input's */
    CHECK(!wrw_splice_before(&m, 1, at, 2, call.data, (uint32_t)call.len, 1,
                             WASM_REFS_FUNC));
    if (reopen) {
        Arena a;
        arena_init(&a);
        WasmBodyEditor ed;
        WasmError err;
        CHECK(wrw_open(&ed, &m, 1, &a, &err) && ed.ncode == 12);
        CHECK(f->new_body && !f->splice);
        wrw_commit(&ed);
        arena_fini(&a);
    }
    CHECK(written(&m, &out));
    CHECK(out.len == want->len && memcmp(out.data, want->data, out.len) == 0);
    buf_fini(&out);
    buf_fini(&call);
    wasm_module_fini(&m);
}

void suite_splice(void)
{
    Buf mod, want;
    buf_init(&mod);
    buf_init(&want);
    build(&mod);
    recorded_sites(&mod, false);
    recorded_sites(&mod, true);
    uint32_t ninstr = 0;
    committed(&mod, &want, &ninstr);
    CHECK(ninstr == 12 && want.len > mod.len);
    spliced(&mod, &want, ninstr, false);
    spliced(&mod, &want, ninstr, true);
    buf_fini(&want);
    buf_fini(&mod);
}
