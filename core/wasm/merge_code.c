/* merge_code.c -- a position-independent library's function bodies,
 * copied into the module (merge.c; docs/wasm-core.md "Merging a library
 * module").
 *
 * Most instructions of a body name nothing that moves (locals,
 * arithmetic, branches, loads and stores of memory 0), so they are only
 * skipped over, by a table built from the opcode table that says per
 * first byte how long the immediates are, and copied in runs (as
 * remap.c copies the app's bodies).  Re-encoded in place: calls and
 * ref.func (function indices), global.get/set (global indices; reads of
 * __memory_base and __table_base become i32.const), blocks with a type
 * index, memargs and memory.size/grow when the library's memory is not
 * memory 0.  Anything else (prefixed opcodes, br_table, call_indirect,
 * ...) is decoded and goes through merge.c's checks and maps, one
 * instruction at a time.
 *
 * With opt->top the library's memory becomes whamm's region at the top
 * of memory 0 on the way, as core/emit/top_code.c rewrites the code whamm
 * generates: an access adds the global `base` to its address (the
 * operands above the address wait in locals added to the body; an
 * `i32.const` address right before a load becomes `global.get base` and
 * moves into the offset), memory.size reads `pages` and memory.grow calls
 * the caller's grow function.  So no instruction is decoded twice, and
 * the merged bodies need no later pass. */
#include "merge_impl.h"

#include <stdio.h>
#include <string.h>

/* How an instruction is copied, by its first byte. */
enum {
    MC_FULL,        /* decoded, mapped by merge.c, encoded */
    MC_PLAIN,       /* no immediate */
    MC_LEB,         /* one LEB naming nothing that moves */
    MC_I32,         /* i32.const (an address, with opt->top) */
    MC_FIXED4,      /* f32.const */
    MC_FIXED8,      /* f64.const */
    MC_BLOCK,       /* block type: copied unless a type index */
    MC_FUNC,        /* a function index */
    MC_GLOBAL_GET,  /* a global index, or a constant */
    MC_GLOBAL_SET,  /* a global index */
    MC_MEMARG,      /* a load or store */
    MC_MEM,         /* memory.size, memory.grow */
};

static uint8_t class_of(int op)
{
    if (op < 0)
        return MC_FULL;
    switch ((WasmImmShape)wasm_ops[op].imm) {
    case IMM_NONE: return MC_PLAIN;
    case IMM_LOCAL: case IMM_LABEL: case IMM_I64: return MC_LEB;
    case IMM_I32: return MC_I32;
    case IMM_F32: return MC_FIXED4;
    case IMM_F64: return MC_FIXED8;
    case IMM_BLOCKTYPE: return MC_BLOCK;
    case IMM_FUNC: return MC_FUNC;
    case IMM_GLOBAL:
        return op == WASM_OP_GlobalGet ? MC_GLOBAL_GET : MC_GLOBAL_SET;
    case IMM_MEMARG: return MC_MEMARG;
    case IMM_MEM: return MC_MEM;
    default: return MC_FULL;
    }
}

void wimpl_merge_code_init(Merger *g)
{
    for (int b = 0; b < 256; b++) {
        bool prefix = b >= 0xFB && b <= 0xFE;
        g->classes[b] = prefix ? MC_FULL
                               : class_of(wasm_op_lookup(0, (uint32_t)b));
    }
    for (int k = 0; k < WASM_EXT_COUNT; k++)
        g->counts[k] = wimpl_space_count(g->lib, (WasmExternKind)k);
    Buf seq;
    buf_init(&seq);
    buf_push(&seq, (uint8_t)wasm_ops[WASM_OP_GlobalGet].code);
    wenc_u32(&seq, g->opt->top_base);
    buf_push(&seq, (uint8_t)wasm_ops[WASM_OP_I32Add].code);
    memcpy(g->add_base, seq.data, seq.len); /* at most 1 + 5 + 1 bytes */
    g->add_base_len = (uint8_t)seq.len;
    buf_fini(&seq);
}

/* One body being copied into g->code. */
typedef struct {
    Merger *g;
    Buf *out;
    const uint8_t *run;     /* input bytes not yet copied */
    uint32_t refs, ninstr;
    /* opt->top: the instruction just copied, if an i32.const written as
     * itself: where it starts in out (its pending run counted), or -1 */
    int64_t const_at;
    const uint8_t *const_imm;   /* its immediate in the input, or NULL: */
    uint32_t const_val;         /* ... its value */
    /* opt->top: locals added for the operands above an address, per
     * operand type and position (UINT32_MAX: none yet), in order */
    uint32_t first_temp, ntemps;
    uint32_t temp[5][3];
    uint8_t temp_types[15];
} Body;

static void flush(Body *b, const uint8_t *upto)
{
    buf_append(b->out, b->run, (size_t)(upto - b->run));
    b->run = upto;
}

/* Writes in in place of the input bytes [at, next). */
static void replace(Body *b, const uint8_t *at, const uint8_t *next,
                    const WasmInstr *in)
{
    flush(b, at);
    b->refs |= wasm_instr_refs(in);
    wenc_instr(b->out, in);
    b->run = next;
}

static const uint8_t *skip_leb(const uint8_t *p, const uint8_t *end)
{
    while (p < end && (*p & 0x80))
        p++;
    return p < end ? p + 1 : NULL;
}

/* ---- opt->top ------------------------------------------------------------- */

static uint32_t temp(Body *b, char ty, uint32_t k)
{
    static const uint8_t codes[5] = {WASM_I32, WASM_I64, WASM_F32, WASM_F64,
                                     WASM_V128};
    int t = ty == 'I' ? 1 : ty == 'f' ? 2 : ty == 'F' ? 3 : ty == 'v' ? 4
                                                                       : 0;
    if (b->temp[t][k] == UINT32_MAX) {
        b->temp[t][k] = b->first_temp + b->ntemps;
        b->temp_types[b->ntemps++] = codes[t];
    }
    return b->temp[t][k];
}

/* Inserts local.get/set idx (the encoder's work, done here: one comes
 * with every store). */
static void insert_idx(Body *b, WasmOpcode op, uint32_t idx)
{
    buf_push(b->out, (uint8_t)wasm_ops[op].code);
    wenc_u32(b->out, idx);
    b->ninstr++;
}

/* Adds base to the operands in `mask` (bit k: operand k, 0 the deepest)
 * of the instruction written next. */
static void add_base(Body *b, const char *params, uint32_t mask)
{
    const Merger *g = b->g;
    uint32_t n = (uint32_t)strlen(params);
    uint32_t deepest = (uint32_t)__builtin_ctz(mask);
    b->refs |= WASM_REFS_GLOBAL;
    for (uint32_t k = n; k-- > deepest + 1;)
        insert_idx(b, WASM_OP_LocalSet, temp(b, params[k], k));
    buf_append(b->out, g->add_base, g->add_base_len);
    b->ninstr += 2;
    for (uint32_t k = deepest + 1; k < n; k++) {
        insert_idx(b, WASM_OP_LocalGet, temp(b, params[k], k));
        if (mask & (1u << k)) {
            buf_append(b->out, g->add_base, g->add_base_len);
            b->ninstr += 2;
        }
    }
}

static bool refuse(Merger *g, WasmOpcode op)
{
    if (g->err->failed)
        return false;
    g->err->failed = true;
    g->err->offset = 0;
    snprintf(g->err->msg, sizeof g->err->msg, "library: uses '%s' on its "
             "memory, which cannot move to the top of memory 0",
             wasm_ops[op].name);
    return false;
}

/* A load or store of memory 0 at [at, next) (offset `off` from offp):
 * the address moved by base.  The access itself stays as it is. */
static bool top_memarg(Body *b, const uint8_t *at, const uint8_t *offp,
                       const uint8_t *next, uint64_t off, int64_t prev_const)
{
    WasmOpcode op = (WasmOpcode)wasm_op_lookup(0, *at);
    char params[4];
    if (!wasm_op_params(op, params))
        return refuse(b->g, op);
    b->refs |= WASM_REFS_GLOBAL;
    flush(b, at);
    if (params[1] == 0 && prev_const >= 0 && b->const_imm) {
        WasmReader cr; /* read already, by skip_leb */
        int32_t v;
        wasm_reader_init(&cr, b->const_imm, (size_t)(at - b->const_imm),
                         b->g->err);
        TRY(wdec_s32(&cr, &v, "i32 constant"));
        b->const_val = (uint32_t)v;
    }
    if (params[1] == 0 && prev_const >= 0 &&
        off + b->const_val <= UINT32_MAX) {
        /* i32.const c; load offset=o -> global.get base; load offset=o+c */
        b->out->len = (size_t)prev_const;
        buf_push(b->out, (uint8_t)wasm_ops[WASM_OP_GlobalGet].code);
        wenc_u32(b->out, b->g->opt->top_base);
        buf_append(b->out, at, (size_t)(offp - at)); /* opcode, alignment */
        wenc_u64(b->out, off + b->const_val);
        b->run = next;
        return true;
    }
    add_base(b, params, 1);
    return true;
}

/* A decoded instruction naming the library's memory (now opt->memory),
 * written for memory 0 at base. */
static bool put_top(Body *b, WasmInstr *in)
{
    const WasmMergeOptions *opt = b->g->opt;
    uint32_t S = opt->memory;
    char params[4];
    switch ((WasmImmShape)wasm_ops[in->op].imm) {
    case IMM_MEMARG: case IMM_MEMARG_LANE:
        if (in->b != S || !wasm_op_params((WasmOpcode)in->op, params))
            return refuse(b->g, (WasmOpcode)in->op);
        add_base(b, params, 1);
        in->b = 0;
        in->flags = 0;
        break;
    case IMM_MEM:
        if (in->a != S)
            return refuse(b->g, (WasmOpcode)in->op);
        if (in->op == WASM_OP_MemorySize)
            *in = wasm_instr_idx(WASM_OP_GlobalGet, opt->top_pages);
        else if (in->op == WASM_OP_MemoryGrow)
            *in = wasm_instr_idx(WASM_OP_Call, opt->top_grow);
        else if (in->op != WASM_OP_MemoryFill)
            return refuse(b->g, (WasmOpcode)in->op);
        else {
            add_base(b, "aii", 1);
            in->a = 0;
        }
        break;
    case IMM_MEM_MEM: { /* memory.copy */
        uint32_t mask = (in->a == S) | (uint32_t)(in->b == S) << 1;
        if (mask != 3)
            return refuse(b->g, (WasmOpcode)in->op);
        add_base(b, "aai", mask);
        in->a = in->b = 0;
        break;
    }
    case IMM_DATA_MEM: /* memory.init */
        if (in->b != S)
            return refuse(b->g, (WasmOpcode)in->op);
        add_base(b, "aii", 1);
        in->b = 0;
        break;
    default:
        break;
    }
    b->refs |= wasm_instr_refs(in);
    wenc_instr(b->out, in);
    return true;
}

/* ---- copying ---------------------------------------------------------------- */

/* The instruction at r->p through the decoder and merge.c (its indices
 * checked first: the built-in runtime's bodies are not checked when it
 * is read). */
static bool copy_full(Body *b, WasmReader *r)
{
    const uint8_t *at = r->p;
    uint64_t nlocals = b->first_temp;
    WasmInstr in;
    TRY(wdec_instr(r, &in, &b->g->scratch));
    TRY(wimpl_check_instr_indices(r, b->g->lib, &in, &nlocals));
    TRY(wimpl_merge_remap(b->g, &in));
    flush(b, at);
    if (b->g->opt->top && (wasm_instr_refs(&in) & WASM_REFS_MEMORY)) {
        TRY(put_top(b, &in));
    } else {
        b->refs |= wasm_instr_refs(&in);
        wenc_instr(b->out, &in);
    }
    b->run = r->p;
    return true;
}

/* An index of kind at r->p, which must name one of the library's. */
static bool read_index(Body *b, WasmReader *r, WasmExternKind kind,
                       uint32_t *idx)
{
    const uint8_t *at = r->p;
    TRY(wdec_u32(r, idx, "index immediate"));
    if (*idx < b->g->counts[kind])
        return true;
    return wasm_fail_at(r, at, "%s index %u out of range",
                        kind == WASM_EXT_FUNC ? "function"
                        : kind == WASM_EXT_GLOBAL ? "global" : "memory",
                        *idx);
}

/* An index immediate at r->p (after the opcode at `at`) mapped. */
static bool copy_index(Body *b, WasmReader *r, const uint8_t *at,
                       WasmExternKind kind)
{
    uint32_t idx;
    TRY(read_index(b, r, kind, &idx));
    flush(b, at);
    buf_push(b->out, *at);
    wenc_u32(b->out, b->g->maps[kind][idx]);
    b->refs |= 1u << kind;
    b->run = r->p;
    return true;
}

static bool copy_global_get(Body *b, WasmReader *r, const uint8_t *at)
{
    Merger *g = b->g;
    uint32_t idx;
    TRY(read_index(b, r, WASM_EXT_GLOBAL, &idx));
    if (!g->is_const[idx]) {
        r->p = at + 1;
        return copy_index(b, r, at, WASM_EXT_GLOBAL);
    }
    WasmInstr c = wasm_instr_i32((int32_t)g->const_val[idx]);
    flush(b, at);
    if (g->opt->top) {
        b->const_at = (int64_t)b->out->len;
        b->const_imm = NULL;
        b->const_val = g->const_val[idx];
    }
    replace(b, at, r->p, &c);
    return true;
}

static bool copy_memarg(Body *b, WasmReader *r, const uint8_t *at,
                        int64_t prev_const)
{
    uint32_t align;
    uint64_t off;
    TRY(wdec_u32(r, &align, "memarg alignment"));
    if ((align & 0x40) || b->g->lib->memories.n == 0) {
        /* a memory index, or no memory: the decoder's */
        r->p = at;
        return copy_full(b, r);
    }
    const uint8_t *offp = r->p;
    TRY(wdec_u64(r, &off, "memarg offset"));
    b->refs |= WASM_REFS_MEMORY;
    if (b->g->opt->top)
        return top_memarg(b, at, offp, r->p, off, prev_const);
    uint32_t mem = b->g->maps[WASM_EXT_MEMORY][0];
    if (mem == 0)
        return true;
    flush(b, at);
    buf_push(b->out, *at);
    wenc_u32(b->out, align | 0x40);
    wenc_u32(b->out, mem);
    buf_append(b->out, offp, (size_t)(r->p - offp));
    b->run = r->p;
    return true;
}

static bool copy_mem(Body *b, WasmReader *r, const uint8_t *at)
{
    const WasmMergeOptions *opt = b->g->opt;
    uint32_t idx;
    TRY(read_index(b, r, WASM_EXT_MEMORY, &idx));
    bool size = *at == wasm_ops[WASM_OP_MemorySize].code;
    WasmInstr in = wasm_instr_idx(size ? WASM_OP_MemorySize
                                       : WASM_OP_MemoryGrow,
                                  b->g->maps[WASM_EXT_MEMORY][idx]);
    if (opt->top)
        in = size ? wasm_instr_idx(WASM_OP_GlobalGet, opt->top_pages)
                  : wasm_instr_idx(WASM_OP_Call, opt->top_grow);
    if (opt->top || in.a != idx)
        replace(b, at, r->p, &in);
    else
        b->refs |= WASM_REFS_MEMORY;
    return true;
}

/* Past the block type at r->p, unless it is a type index or a typed
 * reference (false: the decoder's). */
static bool skip_blocktype(WasmReader *r)
{
    if (r->end - r->p < 2)
        return false;
    uint8_t t = r->p[1];
    if (t != 0x40 && ((t & 0xC0) != 0x40 || t == WASM_REF ||
                      t == WASM_REF_NULL))
        return false;
    r->p += 2;
    return true;
}

/* i32.const: the linker writes the addresses it relocated padded to five
 * bytes; those are written without padding, as the decoding path did.
 * (Others are only skipped: with opt->top a load right after reads the
 * value.) */
static bool copy_i32(Body *b, WasmReader *r, const uint8_t *at)
{
    const uint8_t *next = skip_leb(at + 1, r->end);
    int32_t v = 0;
    bool padded = false;
    if (next && next - at == 6) {
        TRY(wdec_s32(r, &v, "i32 constant"));
        padded = wenc_s64_len(v) < 5;
    } else if (next) {
        r->p = next;
    } else {
        r->p = at;
        return copy_full(b, r); /* the decoder's error */
    }
    if (padded)
        flush(b, at);
    if (b->g->opt->top) {
        b->const_at = (int64_t)(b->out->len + (size_t)(at - b->run));
        b->const_imm = padded ? NULL : at + 1;
        b->const_val = (uint32_t)v;
    }
    if (padded) {
        WasmInstr c = wasm_instr_i32(v);
        replace(b, at, r->p, &c);
    }
    return true;
}

static bool copy_instr(Body *b, WasmReader *r, int64_t prev_const)
{
    Merger *g = b->g;
    const uint8_t *at = r->p, *next = NULL;
    switch (g->classes[*at]) {
    case MC_PLAIN:
        r->p++;
        return true;
    case MC_LEB:
        next = skip_leb(at + 1, r->end);
        break;
    case MC_I32:
        r->p++;
        return copy_i32(b, r, at);
    case MC_FIXED4:
        next = r->end - at > 4 ? at + 5 : NULL;
        break;
    case MC_FIXED8:
        next = r->end - at > 8 ? at + 9 : NULL;
        break;
    case MC_BLOCK:
        if (skip_blocktype(r))
            return true;
        break;
    case MC_FUNC:
        r->p++;
        return copy_index(b, r, at, WASM_EXT_FUNC);
    case MC_GLOBAL_GET:
        r->p++;
        return copy_global_get(b, r, at);
    case MC_GLOBAL_SET: {
        uint32_t idx;
        r->p++;
        TRY(read_index(b, r, WASM_EXT_GLOBAL, &idx));
        r->p = at + 1;
        if (!g->is_const[idx]) /* a write of one: merge.c's error */
            return copy_index(b, r, at, WASM_EXT_GLOBAL);
        r->p = at;
        break;
    }
    case MC_MEMARG:
        r->p++;
        return copy_memarg(b, r, at, prev_const);
    case MC_MEM:
        r->p++;
        return copy_mem(b, r, at);
    default:
        break;
    }
    if (next) {
        r->p = next;
        return true;
    }
    r->p = at;
    return copy_full(b, r);
}

/* The local declarations, with the temporaries opt->top added. */
static bool put_locals(Body *b, const uint8_t *locals, const uint8_t *code,
                       Buf *body)
{
    if (b->ntemps == 0) {
        buf_append(body, locals, (size_t)(code - locals));
        return true;
    }
    WasmReader r;
    wasm_reader_init(&r, locals, (size_t)(code - locals), b->g->err);
    uint32_t ngroups;
    TRY(wdec_u32(&r, &ngroups, "local declaration count"));
    wenc_u32(body, ngroups + b->ntemps);
    buf_append(body, r.p, (size_t)(code - r.p));
    for (uint32_t i = 0; i < b->ntemps; i++) {
        buf_push(body, 1);
        buf_push(body, b->temp_types[i]);
    }
    return true;
}

bool wimpl_merge_code(Merger *g, const WasmFunc *fn, uint32_t nlocals,
                      const uint8_t *locals, WasmReader *r, Buf *body,
                      uint32_t *refs, uint32_t *ninstr)
{
    Body b;
    memset(&b, 0, sizeof b);
    memset(b.temp, 0xFF, sizeof b.temp);
    b.g = g;
    b.out = &g->code;
    g->code.len = 0;
    b.run = r->p;
    b.const_at = -1;
    b.first_temp = g->lib->types.v[fn->type].nparams + nlocals;
    const uint8_t *code = r->p;
    while (r->p < r->end) {
        int64_t prev_const = b.const_at;
        b.const_at = -1;
        b.ninstr++;
        TRY(copy_instr(&b, r, prev_const));
    }
    flush(&b, r->end);
    TRY(put_locals(&b, locals, code, body));
    buf_append(body, g->code.data, g->code.len);
    *refs = b.refs;
    *ninstr = b.ninstr;
    arena_reset(&g->scratch);
    return true;
}
