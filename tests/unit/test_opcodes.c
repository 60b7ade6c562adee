/* test_opcodes.c -- the opcode table (opcodes.def) is consistent, and every
 * instruction survives encode -> decode by its immediate shape. */
#include "unit.h"

#include "wasm/wasm.h"

static void lookups(void)
{
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        const WasmOpInfo *info = &wasm_ops[op];
        CHECK_MSG(wasm_op_lookup(info->prefix, info->code) == op, "%s",
                  info->name);
        CHECK_MSG(wasm_op_by_name(info->name) == op, "%s", info->name);
        CHECK(info->category < WASM_CAT_COUNT);
        CHECK(info->feature < WASM_FEAT_COUNT);
        CHECK_MSG(strchr(info->sig, ':') != NULL, "%s sig", info->name);
        if (info->flags & OPF_BLOCK)
            CHECK_MSG(info->imm == IMM_BLOCKTYPE || info->imm == IMM_TRY_TABLE,
                      "%s", info->name);
    }
    CHECK(wasm_op_lookup(0, 0x27) == -1);
    CHECK(wasm_op_lookup(0xFC, 0x7F) == -1);
    CHECK(wasm_op_lookup(0xFD, 0x1000) == -1);
    CHECK(wasm_op_lookup(0xFF, 0) == -1);
}

/* Facts from the spec, checked against the table. */
static void known_rows(void)
{
    CHECK(wasm_op_by_name("br_if") == WASM_OP_BrIf);
    CHECK(wasm_ops[WASM_OP_BrIf].code == 0x0D);
    CHECK(wasm_ops[WASM_OP_MemoryCopy].prefix == 0xFC &&
          wasm_ops[WASM_OP_MemoryCopy].code == 0x0A);
    CHECK(wasm_ops[WASM_OP_I32AtomicLoad].prefix == 0xFE &&
          wasm_ops[WASM_OP_I32AtomicLoad].code == 0x10);
    CHECK(wasm_ops[WASM_OP_StructNew].prefix == 0xFB &&
          wasm_ops[WASM_OP_StructNew].code == 0x00);
    CHECK(wasm_op_pops(WASM_OP_I32Add) == 2 &&
          wasm_op_pushes(WASM_OP_I32Add) == 1);
    CHECK(wasm_op_pops(WASM_OP_Call) == -1);
    CHECK(wasm_op_pops(WASM_OP_I64Store) == 2 &&
          wasm_op_pushes(WASM_OP_I64Store) == 0);
    CHECK(wasm_ops[WASM_OP_I32Add].category == WASM_CAT_ARITH);
    CHECK(strcmp(wasm_category_name(WASM_CAT_TABLE), "table") == 0);
}

/* Exactly 310 events (the wasm:opcode events), first in the table, in order. */
static void events(void)
{
    int n = 0, last = -1;
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        if (wasm_ops[op].flags & OPF_EVENT) {
            n++;
            CHECK_MSG(last == op - 1, "event %s out of order",
                      wasm_ops[op].name);
            last = op;
        }
    }
    CHECK_MSG(n == 310, "%d events", n);
    CHECK(strcmp(wasm_ops[0].name, "unreachable") == 0);
    CHECK(strcmp(wasm_ops[309].name, "br_on_non_null") == 0);
}

static void fill_ext(WasmInstr *in, Arena *a)
{
    static uint32_t labels[3] = {0, 1, 2};
    static WasmValType types[1] = {{WASM_I32, 0}};
    static WasmCatch catches[2] = {{0, 0, 0}, {2, 0, 1}};
    static uint8_t v128[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                               15, 16};
    (void)a;
    switch (wasm_ops[in->op].imm) {
    case IMM_BR_TABLE: in->n = 3; in->ext.labels = labels; break;
    case IMM_SELECT_T: in->n = 1; in->ext.types = types; break;
    case IMM_TRY_TABLE: in->n = 2; in->ext.catches = catches; break;
    case IMM_V128: case IMM_SHUFFLE: in->ext.v128 = v128; break;
    case IMM_HEAPTYPE: in->vt.heap = -16; break; /* func */
    case IMM_BR_ON_CAST: in->vt.heap = -18; in->x = (uint64_t)-19; break;
    default: break;
    }
}

static void encode_decode_every_op(void)
{
    Arena a;
    arena_init(&a);
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        WasmInstr in = wasm_instr((WasmOpcode)op);
        in.a = 3;
        in.b = 1;
        in.x = 5;
        if (wasm_ops[op].imm == IMM_MEMARG || wasm_ops[op].imm ==
            IMM_MEMARG_LANE)
            in.a = 2;
        if (wasm_ops[op].imm == IMM_BLOCKTYPE)
            in.bt_kind = WASM_BT_TYPEIDX;
        fill_ext(&in, &a);
        Buf b;
        buf_init(&b);
        wenc_instr(&b, &in);
        WasmError err = {0};
        WasmReader r;
        wasm_reader_init(&r, b.data, b.len, &err);
        WasmInstr out;
        bool ok = wdec_instr(&r, &out, &a);
        CHECK_MSG(ok && out.op == op && r.p == r.end, "%s: %s",
                  wasm_ops[op].name, err.msg);
        if (ok) {
            Buf b2;
            buf_init(&b2);
            wenc_instr(&b2, &out);
            CHECK_MSG(b2.len == b.len && memcmp(b.data, b2.data, b.len) == 0,
                      "%s re-encodes differently", wasm_ops[op].name);
            buf_fini(&b2);
        }
        buf_fini(&b);
    }
    arena_fini(&a);
}

/* wenc_instr_fast writes exactly wenc_instr's bytes where it encodes at
 * all, and it encodes every shape inserted code uses, at the LEB
 * boundaries of each immediate. */
static void fast_encoding_matches(void)
{
    static const uint64_t values[] = {0, 1, 63, 64, 127, 128, 8191, 8192,
                                      0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu,
                                      (uint64_t)-1, (uint64_t)-64,
                                      (uint64_t)-65, 1ull << 62};
    Arena a;
    arena_init(&a);
    uint32_t fast_ops = 0;
    for (int op = 0; op < WASM_OP_COUNT; op++) {
        for (size_t v = 0; v < sizeof values / sizeof *values; v++) {
            WasmInstr in = wasm_instr((WasmOpcode)op);
            in.a = (uint32_t)values[v];
            in.x = values[v];
            bool memarg = wasm_ops[op].imm == IMM_MEMARG;
            if (memarg) { /* alignment small; memory 0 or v */
                in.a = (uint32_t)(values[v] % 4);
                in.b = v % 2 ? (uint32_t)values[v] : 0;
            }
            fill_ext(&in, &a);
            Buf b;
            buf_init(&b);
            wenc_instr(&b, &in);
            uint8_t p[WENC_FAST_MAX + 8];
            uint32_t n = wenc_instr_fast(p, &in);
            CHECK_MSG(n == 0 || (n == b.len && memcmp(p, b.data, n) == 0),
                      "%s (%llu): fast encoding differs", wasm_ops[op].name,
                      (unsigned long long)values[v]);
            bool common = !wasm_ops[op].prefix &&
                          (wasm_ops[op].imm == IMM_NONE ||
                           wasm_ops[op].imm == IMM_LOCAL ||
                           wasm_ops[op].imm == IMM_GLOBAL ||
                           wasm_ops[op].imm == IMM_I64 || memarg);
            CHECK_MSG(!common || n > 0, "%s: not encoded fast",
                      wasm_ops[op].name);
            fast_ops += n > 0 && v == 0;
            buf_fini(&b);
        }
    }
    CHECK(fast_ops > 150); /* the one-byte opcode space, nearly all */
    arena_fini(&a);
}

void suite_opcodes(void)
{
    lookups();
    known_rows();
    events();
    encode_decode_every_op();
    fast_encoding_matches();
}
