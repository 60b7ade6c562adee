/* test_splice.c -- the sites the reader records (wasm_body_sites) and code
 * spliced in front of some of them (wrw_splice_before), or in front of any
 * instructions with locals added (wrw_splice_pieces): the module written
 * with a splice is byte for byte the one that inserting the same code with
 * the body editor and committing gives, when an added import renumbers
 * every call, and when the body is opened again before the write (which
 * makes it then).  And the body in brief (wasm_body_brief).  The input is
 * built here byte by byte. */
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

/* ---- pieces and locals (wrw_splice_pieces) ------------------------------------------ */

/* The pieces: `i64.const 5; local.set 0`, `call g`, `i32.const 7;
 * local.set 1` (locals 0 and 1: an i64 and an i32 added to func 1). */
static void pieces_code(uint32_t g, Buf *pool, WasmSplicePiece pc[3])
{
    const WasmInstr code[] = {
        wasm_instr_i64(5), wasm_instr_idx(WASM_OP_LocalSet, 0),
        wasm_instr_idx(WASM_OP_Call, g),
        wasm_instr_i32(7), wasm_instr_idx(WASM_OP_LocalSet, 1),
    };
    static const uint32_t first[] = {0, 2, 3, 5}, ncalls[] = {0, 1, 0};
    pool->len = 0;
    for (uint32_t p = 0; p < 3; p++) {
        pc[p] = (WasmSplicePiece){(uint32_t)pool->len, 0,
                                  first[p + 1] - first[p], ncalls[p] != 0};
        for (uint32_t k = first[p]; k < first[p + 1]; k++)
            wenc_instr(pool, &code[k]);
        pc[p].len = (uint32_t)pool->len - pc[p].off;
    }
}

/* The oracle: with the editor, the two locals added, and in front of
 * instruction 0 (call 0, at 1) pieces 0 and 1, of 4 (br 0, at 12) piece
 * 2, of 9 (the final end, at 19) piece 0. */
static void committed_pieces(const Buf *mod, Buf *out)
{
    WasmModule m;
    if (!read_module(&m, mod, true))
        return;
    Buf call, pool;
    buf_init(&call);
    buf_init(&pool);
    WasmSplicePiece pc[3];
    pieces_code(add_g(&m, &call), &pool, pc);
    Arena a;
    arena_init(&a);
    WasmBodyEditor ed;
    WasmError err;
    CHECK(wrw_open(&ed, &m, 1, &a, &err) && ed.ncode == 10);
    CHECK(wrw_add_local(&ed, (WasmValType){WASM_I64, 0}) == 0);
    CHECK(wrw_add_local(&ed, (WasmValType){WASM_I32, 0}) == 1);
    static const uint32_t at[] = {0, 0, 4, 9}, piece[] = {0, 1, 2, 0};
    for (int k = 0; k < 4; k++)
        wrw_insert_bytes_before(&ed, at[k], pool.data + pc[piece[k]].off,
                                pc[piece[k]].len, pc[piece[k]].n,
                                pc[piece[k]].calls ? WASM_REFS_FUNC : 0);
    wrw_commit(&ed);
    CHECK(written(&m, out));
    arena_fini(&a);
    buf_fini(&pool);
    buf_fini(&call);
    wasm_module_fini(&m);
}

/* The same spliced in (at the offsets of those instructions; the first
 * is a site, the others are not), written as it is or made by opening
 * the body again; and refusals. */
static void spliced_pieces(const Buf *mod, const Buf *want, bool reopen)
{
    WasmModule m;
    if (!read_module(&m, mod, true))
        return;
    Buf call, pool, out;
    buf_init(&call);
    buf_init(&pool);
    buf_init(&out);
    WasmSplicePiece pc[3];
    pieces_code(add_g(&m, &call), &pool, pc);
    static const uint32_t at[] = {1, 1, 12, 19}, piece[] = {0, 1, 2, 0};
    const WasmValType added[] = {{WASM_I64, 0}, {WASM_I32, 0}};
    WasmSplicePiece big = pc[2];
    big.n = 256; /* more instructions than a splice holds */
    CHECK(!wrw_splice_pieces(&m, 1, at, piece, 4, &big, 1, pool.data, added,
                             2, WASM_REFS_FUNC));
    CHECK(!wrw_splice_pieces(&m, 0, at, piece, 4, pc, 3, pool.data, added,
                             2, WASM_REFS_FUNC)); /* an import */
    CHECK(wrw_splice_pieces(&m, 1, at, piece, 4, pc, 3, pool.data, added, 2,
                            WASM_REFS_FUNC));
    const WasmFunc *f = &m.funcs.v[1];
    /* 2 more local groups (each `1 type`) and the pieces */
    CHECK(wasm_body_len(&m, f) == sizeof body1 + 4 + 2 * pc[0].len +
                                      pc[1].len + pc[2].len);
    if (reopen) {
        Arena a;
        arena_init(&a);
        WasmBodyEditor ed;
        WasmError err;
        CHECK(wrw_open(&ed, &m, 1, &a, &err) && ed.ncode == 17 &&
              ed.nlocals == 2);
        wrw_commit(&ed);
        arena_fini(&a);
    }
    CHECK(written(&m, &out));
    CHECK(out.len == want->len && memcmp(out.data, want->data, out.len) == 0);
    buf_fini(&out);
    buf_fini(&pool);
    buf_fini(&call);
    wasm_module_fini(&m);
}

/* The body in brief: an entry per instruction, with the index of each
 * call, branch and ref.func (the padded call's too). */
static void brief(const Buf *mod)
{
    WasmModule m;
    if (!read_module(&m, mod, true))
        return;
    Arena a;
    arena_init(&a);
    uint32_t n = 0, nlocals = 9;
    const uint32_t *lab;
    const WasmBrief *b = wasm_body_brief(&m, 1, &a, &n, &lab, &nlocals);
    static const uint32_t off[] = {1, 3, 4, 6, 12, 14, 15, 17, 18, 19};
    static const uint16_t op[] = {
        WASM_OP_Call, WASM_OP_Unreachable, WASM_OP_Block, WASM_OP_Call,
        WASM_OP_Br, WASM_OP_End, WASM_OP_RefFunc, WASM_OP_Drop,
        WASM_OP_Unreachable, WASM_OP_End};
    static const uint32_t idx[] = {0, 0, 0, 2, 0, 0, 2, 0, 0, 0};
    CHECK(b && n == 10 && nlocals == 0);
    for (uint32_t i = 0; b && i < n && i < 10; i++)
        CHECK_MSG(b[i].off == off[i] && b[i].op == op[i] && b[i].a == idx[i],
                  "instruction %u: %s at %u, index %u", i,
                  wasm_ops[b[i].op].name, b[i].off, b[i].a);
    CHECK(!wasm_body_brief(&m, 0, &a, &n, &lab, &nlocals)); /* an import */
    arena_fini(&a);
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
    committed_pieces(&mod, &want);
    CHECK(want.len > mod.len);
    spliced_pieces(&mod, &want, false);
    spliced_pieces(&mod, &want, true);
    brief(&mod);
    buf_fini(&want);
    buf_fini(&mod);
}
