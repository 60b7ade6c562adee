/* instr.c -- decoding and encoding single instructions, by immediate shape
 * (docs/wasm-core.md "One opcode table"): the opcode table says which
 * shape an instruction has, and one case per shape reads or writes it.
 * Spec: binary format 5.4 and the proposals' binary sections. */
#include "wasm_impl.h"

#include <string.h>

/* ---- value and heap types ---------------------------------------------- */

static bool is_abstract_heap_byte(uint8_t b) { return b >= 0x69 && b <= 0x74; }

static bool is_valtype_byte(uint8_t b)
{
    return (b >= 0x7B && b <= 0x7F) || is_abstract_heap_byte(b) ||
           b == WASM_REF || b == WASM_REF_NULL;
}

bool wdec_heaptype(WasmReader *r, int64_t *out, const char *desc)
{
    const uint8_t *at = r->p;
    TRY(wdec_s33(r, out, desc));
    if (*out < 0 && !is_abstract_heap_byte((uint8_t)(*out & 0x7F)))
        return wasm_fail_at(r, at, "invalid heap type 0x%02x in %s",
                            (unsigned)(*out & 0x7F), desc);
    return true;
}

/* A heap type into a WasmValType's heap (int32_t): an index past
 * INT32_MAX can name no type (a module has at most a million). */
static bool read_heap(WasmReader *r, int32_t *out, const char *desc)
{
    const uint8_t *at = r->p;
    int64_t h;
    TRY(wdec_heaptype(r, &h, desc));
    if (h > INT32_MAX)
        return wasm_fail_at(r, at, "type index %lld out of range in %s",
                            (long long)h, desc);
    *out = (int32_t)h;
    return true;
}

bool wdec_valtype(WasmReader *r, WasmValType *out, const char *desc)
{
    const uint8_t *at = r->p;
    uint8_t b;
    TRY(wdec_byte(r, &b, desc));
    if (!is_valtype_byte(b))
        return wasm_fail_at(r, at, "invalid value type 0x%02x in %s", b, desc);
    out->code = b;
    out->heap = 0;
    if (b == WASM_REF || b == WASM_REF_NULL)
        TRY(read_heap(r, &out->heap, desc));
    return true;
}

void wenc_valtype(Buf *b, WasmValType t)
{
    buf_push(b, t.code);
    if (t.code == WASM_REF || t.code == WASM_REF_NULL)
        wenc_s64(b, t.heap);
}

/* ---- decoding ------------------------------------------------------------ */

static bool read_blocktype(WasmReader *r, WasmInstr *in)
{
    if (r->p >= r->end)
        return wasm_fail(r, "unexpected end of input reading block type");
    uint8_t b = *r->p;
    if (b == 0x40) {
        r->p++;
        in->bt_kind = WASM_BT_EMPTY;
        return true;
    }
    if (is_valtype_byte(b)) {
        in->bt_kind = WASM_BT_VALTYPE;
        return wdec_valtype(r, &in->vt, "block type");
    }
    const uint8_t *at = r->p;
    int64_t idx;
    TRY(wdec_s33(r, &idx, "block type"));
    if (idx < 0 || idx > UINT32_MAX)
        return wasm_fail_at(r, at, "invalid block type");
    in->bt_kind = WASM_BT_TYPEIDX;
    in->a = (uint32_t)idx;
    return true;
}

static bool read_memarg(WasmReader *r, WasmInstr *in)
{
    const uint8_t *at = r->p;
    TRY(wdec_u32(r, &in->a, "memarg alignment"));
    if (in->a & 0x40) { /* multi-memory: a memory index follows */
        in->a &= ~0x40u;
        in->flags = 1;
        TRY(wdec_u32(r, &in->b, "memarg memory index"));
    }
    if (in->a >= 64)
        return wasm_fail_at(r, at, "invalid memarg alignment %u", in->a);
    return wdec_u64(r, &in->x, "memarg offset");
}

static bool read_label_vec(WasmReader *r, WasmInstr *in, Arena *arena)
{
    uint32_t n;
    TRY(wdec_count(r, &n, 1, "br_table target count"));
    in->n = n + 1; /* the default target is stored last */
    uint32_t *labels = arena ? arena_alloc(arena, sizeof *labels * in->n)
                             : NULL;
    for (uint32_t i = 0; i < in->n; i++) {
        uint32_t depth;
        TRY(wdec_u32(r, &depth, "br_table target"));
        if (labels)
            labels[i] = depth;
    }
    in->ext.labels = labels;
    return true;
}

static bool read_select_types(WasmReader *r, WasmInstr *in, Arena *arena)
{
    TRY(wdec_count(r, &in->n, 1, "select type count"));
    WasmValType *types = arena ? arena_alloc(arena, sizeof *types * in->n)
                               : NULL;
    for (uint32_t i = 0; i < in->n; i++) {
        WasmValType t;
        TRY(wdec_valtype(r, &t, "select type"));
        if (types)
            types[i] = t;
    }
    in->ext.types = types;
    return true;
}

static bool read_catches(WasmReader *r, WasmInstr *in, Arena *arena)
{
    TRY(wdec_count(r, &in->n, 2, "try_table catch count"));
    WasmCatch *c = arena ? arena_alloc(arena, sizeof *c * in->n) : NULL;
    for (uint32_t i = 0; i < in->n; i++) {
        const uint8_t *at = r->p;
        WasmCatch k = {0};
        TRY(wdec_byte(r, &k.kind, "catch kind"));
        if (k.kind > 3)
            return wasm_fail_at(r, at, "invalid catch kind %u", k.kind);
        if (k.kind < 2)
            TRY(wdec_u32(r, &k.tag, "catch tag"));
        TRY(wdec_u32(r, &k.label, "catch label"));
        if (c)
            c[i] = k;
    }
    in->ext.catches = c;
    return true;
}

static bool read_fixed(WasmReader *r, WasmInstr *in, size_t n, Arena *arena,
                       const char *desc)
{
    const uint8_t *bytes;
    TRY(wdec_bytes(r, n, &bytes, desc));
    if (n <= 8) {
        uint64_t v = 0;
        for (size_t i = 0; i < n; i++)
            v |= (uint64_t)bytes[i] << (8 * i);
        in->x = v;
    } else {
        in->n = (uint32_t)n;
        in->ext.v128 = arena ? arena_dup(arena, bytes, n) : NULL;
    }
    return true;
}

static bool read_immediates(WasmReader *r, WasmInstr *in, Arena *arena)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_NONE:
        return true;
    case IMM_BLOCKTYPE:
        return read_blocktype(r, in);
    case IMM_LABEL:
    case IMM_FUNC: case IMM_TYPE: case IMM_LOCAL: case IMM_GLOBAL:
    case IMM_TABLE: case IMM_ELEM: case IMM_DATA: case IMM_MEM:
    case IMM_TAG:
        return wdec_u32(r, &in->a, "index immediate");
    case IMM_CALL_INDIRECT: case IMM_TABLE_TABLE: case IMM_ELEM_TABLE:
    case IMM_DATA_MEM: case IMM_MEM_MEM: case IMM_TYPE_FIELD:
    case IMM_TYPE_TYPE: case IMM_TYPE_N: case IMM_TYPE_DATA:
    case IMM_TYPE_ELEM:
        TRY(wdec_u32(r, &in->a, "index immediate"));
        return wdec_u32(r, &in->b, "index immediate");
    case IMM_BR_TABLE:
        return read_label_vec(r, in, arena);
    case IMM_MEMARG:
        return read_memarg(r, in);
    case IMM_MEMARG_LANE: {
        TRY(read_memarg(r, in));
        uint8_t lane;
        TRY(wdec_byte(r, &lane, "lane index"));
        in->c = lane;
        return true;
    }
    case IMM_I32: {
        int32_t v;
        TRY(wdec_s32(r, &v, "i32 constant"));
        in->x = (uint64_t)(int64_t)v;
        return true;
    }
    case IMM_I64: {
        int64_t v;
        TRY(wdec_s64(r, &v, "i64 constant"));
        in->x = (uint64_t)v;
        return true;
    }
    case IMM_F32:
        return read_fixed(r, in, 4, arena, "f32 constant");
    case IMM_F64:
        return read_fixed(r, in, 8, arena, "f64 constant");
    case IMM_V128:
        return read_fixed(r, in, 16, arena, "v128 constant");
    case IMM_SHUFFLE:
        return read_fixed(r, in, 16, arena, "shuffle lanes");
    case IMM_LANE: {
        uint8_t lane;
        TRY(wdec_byte(r, &lane, "lane index"));
        in->a = lane;
        return true;
    }
    case IMM_SELECT_T:
        return read_select_types(r, in, arena);
    case IMM_HEAPTYPE:
        in->vt.code = WASM_REF_NULL;
        return read_heap(r, &in->vt.heap, "heap type");
    case IMM_TRY_TABLE:
        TRY(read_blocktype(r, in));
        return read_catches(r, in, arena);
    case IMM_BR_ON_CAST: {
        uint8_t fl;
        const uint8_t *at = r->p;
        TRY(wdec_byte(r, &fl, "br_on_cast flags"));
        if (fl > 3)
            return wasm_fail_at(r, at, "invalid br_on_cast flags %u", fl);
        in->c = fl;
        TRY(wdec_u32(r, &in->a, "br_on_cast label"));
        TRY(read_heap(r, &in->vt.heap, "br_on_cast source type"));
        int64_t ht2;
        TRY(wdec_heaptype(r, &ht2, "br_on_cast target type"));
        in->x = (uint64_t)ht2;
        return true;
    }
    case IMM_FENCE: {
        uint8_t b;
        const uint8_t *at = r->p;
        TRY(wdec_byte(r, &b, "atomic.fence flags"));
        if (b != 0)
            return wasm_fail_at(r, at, "invalid atomic.fence flags %u", b);
        return true;
    }
    case IMM_SHAPE_COUNT:
        break;
    }
    return wasm_fail(r, "internal error: bad immediate shape");
}

/* The general decoder: any opcode, and every error. */
__attribute__((noinline))
static bool decode_full(WasmReader *r, WasmInstr *out, Arena *arena)
{
    const uint8_t *start = r->p;
    uint8_t byte;
    memset(out, 0, sizeof *out);
    TRY(wdec_byte(r, &byte, "opcode"));
    int op;
    if (byte == 0xFB || byte == 0xFC || byte == 0xFD || byte == 0xFE) {
        uint32_t sub;
        TRY(wdec_u32(r, &sub, "opcode"));
        op = wasm_op_lookup(byte, sub);
        if (op < 0)
            return wasm_fail_at(r, start, "unknown opcode 0x%02x 0x%x", byte,
                                sub);
    } else {
        op = wasm_op_lookup(0, byte);
        if (op < 0)
            return wasm_fail_at(r, start, "unknown opcode 0x%02x", byte);
    }
    out->op = (uint16_t)op;
    TRY(read_immediates(r, out, arena));
    out->off = (uint32_t)(start - r->base);
    out->len = (uint32_t)(r->p - start);
    return true;
}

static uint8_t short_shape(WasmImmShape imm)
{
    switch (imm) {
    case IMM_NONE: return WIMPL_SH_NONE;
    case IMM_LABEL: case IMM_FUNC: case IMM_TYPE: case IMM_LOCAL:
    case IMM_GLOBAL: case IMM_TABLE: case IMM_ELEM: case IMM_DATA:
    case IMM_MEM: case IMM_TAG:
        return WIMPL_SH_INDEX;
    case IMM_I32: return WIMPL_SH_I32;
    case IMM_I64: return WIMPL_SH_I64;
    case IMM_F32: return WIMPL_SH_F32;
    case IMM_F64: return WIMPL_SH_F64;
    case IMM_MEMARG: return WIMPL_SH_MEMARG;
    case IMM_BLOCKTYPE: return WIMPL_SH_BLOCKTYPE;
    default: return WIMPL_SH_FULL;
    }
}

int wimpl_byte_op(int b)
{
    bool prefix = b >= 0xFB && b <= 0xFE;
    return prefix ? -1 : wasm_op_lookup(0, (uint32_t)b);
}

const WimplShortOp *wimpl_short_ops(void)
{
    static WimplShortOp table[256];
    static bool ready;
    if (!ready) {
        for (int b = 0; b < 256; b++) {
            int op = wimpl_byte_op(b);
            table[b].op = op < 0 ? 0 : (uint16_t)op;
            table[b].shape = op < 0 ? WIMPL_SH_FULL
                           : short_shape((WasmImmShape)wasm_ops[op].imm);
        }
        ready = true;
    }
    return table;
}

bool wdec_instr(WasmReader *r, WasmInstr *out, Arena *arena)
{
    return wimpl_decode_short(r, wimpl_short_ops(), out) ||
           decode_full(r, out, arena);
}

/* ---- encoding ------------------------------------------------------------ */

static void write_blocktype(Buf *b, const WasmInstr *in)
{
    switch (in->bt_kind) {
    case WASM_BT_EMPTY: buf_push(b, 0x40); break;
    case WASM_BT_VALTYPE: wenc_valtype(b, in->vt); break;
    default: wenc_s64(b, in->a); break;
    }
}

static void write_memarg(Buf *b, const WasmInstr *in)
{
    if (in->flags || in->b != 0) {
        wenc_u32(b, in->a | 0x40);
        wenc_u32(b, in->b);
    } else {
        wenc_u32(b, in->a);
    }
    wenc_u64(b, in->x);
}

static void write_le(Buf *b, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        buf_push(b, (uint8_t)(v >> (8 * i)));
}

static void write_catches(Buf *b, const WasmInstr *in)
{
    wenc_u32(b, in->n);
    for (uint32_t i = 0; i < in->n; i++) {
        const WasmCatch *c = &in->ext.catches[i];
        buf_push(b, c->kind);
        if (c->kind < 2)
            wenc_u32(b, c->tag);
        wenc_u32(b, c->label);
    }
}

static void write_immediates(Buf *b, const WasmInstr *in)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_NONE: case IMM_SHAPE_COUNT: break;
    case IMM_BLOCKTYPE: write_blocktype(b, in); break;
    case IMM_LABEL:
    case IMM_FUNC: case IMM_TYPE: case IMM_LOCAL: case IMM_GLOBAL:
    case IMM_TABLE: case IMM_ELEM: case IMM_DATA: case IMM_MEM:
    case IMM_TAG:
        wenc_u32(b, in->a);
        break;
    case IMM_CALL_INDIRECT: case IMM_TABLE_TABLE: case IMM_ELEM_TABLE:
    case IMM_DATA_MEM: case IMM_MEM_MEM: case IMM_TYPE_FIELD:
    case IMM_TYPE_TYPE: case IMM_TYPE_N: case IMM_TYPE_DATA:
    case IMM_TYPE_ELEM:
        wenc_u32(b, in->a);
        wenc_u32(b, in->b);
        break;
    case IMM_BR_TABLE:
        wenc_u32(b, in->n - 1);
        for (uint32_t i = 0; i < in->n; i++)
            wenc_u32(b, in->ext.labels[i]);
        break;
    case IMM_MEMARG: write_memarg(b, in); break;
    case IMM_MEMARG_LANE:
        write_memarg(b, in);
        buf_push(b, (uint8_t)in->c);
        break;
    case IMM_I32: wenc_s32(b, (int32_t)in->x); break;
    case IMM_I64: wenc_s64(b, (int64_t)in->x); break;
    case IMM_F32: write_le(b, in->x, 4); break;
    case IMM_F64: write_le(b, in->x, 8); break;
    case IMM_V128: case IMM_SHUFFLE: buf_append(b, in->ext.v128, 16); break;
    case IMM_LANE: buf_push(b, (uint8_t)in->a); break;
    case IMM_SELECT_T:
        wenc_u32(b, in->n);
        for (uint32_t i = 0; i < in->n; i++)
            wenc_valtype(b, in->ext.types[i]);
        break;
    case IMM_HEAPTYPE: wenc_s64(b, in->vt.heap); break;
    case IMM_TRY_TABLE:
        write_blocktype(b, in);
        write_catches(b, in);
        break;
    case IMM_BR_ON_CAST:
        buf_push(b, (uint8_t)in->c);
        wenc_u32(b, in->a);
        wenc_s64(b, in->vt.heap);
        wenc_s64(b, (int64_t)in->x);
        break;
    case IMM_FENCE: buf_push(b, 0); break;
    }
}

void wenc_instr(Buf *b, const WasmInstr *in)
{
    const WasmOpInfo *info = &wasm_ops[in->op];
    if (info->prefix) {
        buf_push(b, info->prefix);
        wenc_u32(b, info->code);
    } else {
        buf_push(b, (uint8_t)info->code);
    }
    write_immediates(b, in);
}

static uint32_t memarg_to(uint8_t *p, const WasmInstr *in)
{
    uint32_t n;
    if (in->flags || in->b != 0) {
        n = wenc_u64_to(p, in->a | 0x40);
        n += wenc_u64_to(p + n, in->b);
    } else {
        n = wenc_u64_to(p, in->a);
    }
    return n + wenc_u64_to(p + n, in->x);
}

uint32_t wenc_instr_fast(uint8_t *p, const WasmInstr *in)
{
    const WasmOpInfo *info = &wasm_ops[in->op];
    if (info->prefix)
        return 0;
    p[0] = (uint8_t)info->code;
    switch ((WasmImmShape)info->imm) {
    case IMM_NONE:
        return 1;
    case IMM_LABEL: case IMM_FUNC: case IMM_LOCAL: case IMM_GLOBAL:
        return 1 + wenc_u64_to(p + 1, in->a);
    case IMM_I32:
        return 1 + wenc_s64_to(p + 1, (int32_t)in->x);
    case IMM_I64:
        return 1 + wenc_s64_to(p + 1, (int64_t)in->x);
    case IMM_MEMARG:
        return 1 + memarg_to(p + 1, in);
    default:
        return 0;
    }
}

/* ---- index spaces --------------------------------------------------------- */

uint32_t wasm_instr_refs(const WasmInstr *in)
{
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_FUNC: return WASM_REFS_FUNC;
    case IMM_GLOBAL: return WASM_REFS_GLOBAL;
    case IMM_TAG: return WASM_REFS_TAG;
    case IMM_CALL_INDIRECT: case IMM_TABLE: case IMM_TABLE_TABLE:
    case IMM_ELEM_TABLE:
        return WASM_REFS_TABLE;
    case IMM_MEMARG: case IMM_MEMARG_LANE: case IMM_MEM: case IMM_MEM_MEM:
    case IMM_DATA_MEM:
        return WASM_REFS_MEMORY;
    case IMM_TRY_TABLE:
        for (uint32_t i = 0; i < in->n; i++)
            if (in->ext.catches && in->ext.catches[i].kind < 2)
                return WASM_REFS_TAG;
        return 0;
    default:
        return 0;
    }
}

static bool map_one(uint32_t *idx, const uint32_t *map)
{
    if (!map || map[*idx] == *idx)
        return false;
    *idx = map[*idx];
    return true;
}

bool wasm_instr_remap(WasmInstr *in, uint32_t *const maps[WASM_EXT_COUNT])
{
    bool changed = false;
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_FUNC: return map_one(&in->a, maps[WASM_EXT_FUNC]);
    case IMM_GLOBAL: return map_one(&in->a, maps[WASM_EXT_GLOBAL]);
    case IMM_TAG: return map_one(&in->a, maps[WASM_EXT_TAG]);
    case IMM_TABLE: return map_one(&in->a, maps[WASM_EXT_TABLE]);
    case IMM_CALL_INDIRECT: case IMM_ELEM_TABLE:
        return map_one(&in->b, maps[WASM_EXT_TABLE]);
    case IMM_TABLE_TABLE:
        changed = map_one(&in->a, maps[WASM_EXT_TABLE]);
        return map_one(&in->b, maps[WASM_EXT_TABLE]) || changed;
    case IMM_MEMARG: case IMM_MEMARG_LANE: case IMM_DATA_MEM:
        return map_one(&in->b, maps[WASM_EXT_MEMORY]);
    case IMM_MEM: return map_one(&in->a, maps[WASM_EXT_MEMORY]);
    case IMM_MEM_MEM:
        changed = map_one(&in->a, maps[WASM_EXT_MEMORY]);
        return map_one(&in->b, maps[WASM_EXT_MEMORY]) || changed;
    case IMM_TRY_TABLE:
        for (uint32_t i = 0; i < in->n; i++)
            if (in->ext.catches[i].kind < 2)
                changed |= map_one(&in->ext.catches[i].tag,
                                   maps[WASM_EXT_TAG]);
        return changed;
    default:
        return false;
    }
}

/* ---- constructors ----------------------------------------------------------- */

WasmInstr wasm_instr_memarg(WasmOpcode op, uint32_t align_log2,
                            uint64_t offset, uint32_t memory)
{
    WasmInstr in = wasm_instr(op);
    in.a = align_log2;
    in.b = memory;
    in.x = offset;
    return in;
}
