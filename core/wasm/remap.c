/* remap.c -- renumbering the indices in a run of code while copying it
 * (the writer's `remap_code`; spec: binary format 5.4 instructions).
 *
 * When whamm adds imports, every function (or global, memory, ...) defined
 * after them moves, and every body naming one must be copied with the new
 * numbers.  Fully decoding each instruction for that costs as much as
 * reading the module again, so the common single-byte instructions are
 * only skipped over: a table built from the opcode table says, per first
 * byte, how long the immediates are.  Only instructions that name a space
 * whose numbering moved are re-encoded; anything unusual (prefixed
 * opcodes, br_table, call_indirect, typed blocks, memargs naming a
 * memory) goes through the full decoder.  Unchanged bytes are copied in
 * runs, so the output equals what a full decode and re-encode of the
 * changed instructions gives.  The same skipping serves a pass that
 * replaces a few instructions of a body (wrw_patch_code). */
#include "wasm_impl.h"
#include "spill.h"

#include <string.h>

/* How an instruction's first byte is handled. */
enum {
    RC_FULL,      /* decoded and remapped with wdec_instr */
    RC_PLAIN,     /* no immediate */
    RC_LEB,       /* one LEB immediate naming nothing that moves */
    RC_LEB2,      /* two LEBs (a memarg for memory 0 when memories stay) */
    RC_FIXED4,    /* f32.const */
    RC_FIXED8,    /* f64.const */
    RC_BLOCK,     /* block type: 0x40, a one-byte value type or an s33 */
    RC_FUNC,      /* a function index, remapped */
    RC_GLOBAL,    /* a global index, remapped */
};

static uint8_t class_of(int op, uint32_t moved)
{
    if (op < 0)
        return RC_FULL;
    switch ((WasmImmShape)wasm_ops[op].imm) {
    case IMM_NONE: return RC_PLAIN;
    case IMM_LOCAL: case IMM_LABEL: case IMM_I32: case IMM_I64:
        return RC_LEB;
    case IMM_F32: return RC_FIXED4;
    case IMM_F64: return RC_FIXED8;
    case IMM_BLOCKTYPE: return RC_BLOCK;
    case IMM_FUNC:
        return moved & WASM_REFS_FUNC ? RC_FUNC : RC_LEB;
    case IMM_GLOBAL:
        return moved & WASM_REFS_GLOBAL ? RC_GLOBAL : RC_LEB;
    case IMM_MEMARG:
        return moved & WASM_REFS_MEMORY ? RC_FULL : RC_LEB2;
    default: return RC_FULL;
    }
}

void wimpl_remap_classes(uint32_t moved, uint8_t out[256])
{
    for (int b = 0; b < 256; b++) {
        bool prefix = b >= 0xFB && b <= 0xFE;
        out[b] = prefix ? RC_FULL
                        : class_of(wasm_op_lookup(0, (uint32_t)b), moved);
    }
}

/* The byte after the LEB at p, or NULL if it runs past end. */
WIMPL_HOT const uint8_t *skip_leb(const uint8_t *p, const uint8_t *end)
{
    while (p < end && (*p & 0x80))
        p++;
    return p < end ? p + 1 : NULL;
}

/* A memarg without a memory index: alignment (flag 0x40 clear), offset. */
WIMPL_HOT const uint8_t *skip_memarg(const uint8_t *p, const uint8_t *end)
{
    if (p >= end || (*p & 0xC0))
        return NULL; /* memory index present, or a long alignment */
    return skip_leb(p + 1, end);
}

/* Past the immediates of an instruction of class cls at p (its opcode
 * byte included), or NULL when the full decoder must handle it. */
WIMPL_HOT const uint8_t *skip_instr(uint8_t cls, const uint8_t *p,
                                    const uint8_t *end)
{
    switch (cls) {
    case RC_PLAIN: return p + 1;
    case RC_LEB: return skip_leb(p + 1, end);
    case RC_LEB2: return skip_memarg(p + 1, end);
    case RC_FIXED4: return end - p > 4 ? p + 5 : NULL;
    case RC_FIXED8: return end - p > 8 ? p + 9 : NULL;
    case RC_BLOCK:
        if (p + 1 >= end || p[1] == WASM_REF || p[1] == WASM_REF_NULL)
            return NULL;
        return skip_leb(p + 1, end);
    default: return NULL;
    }
}

typedef struct {
    const uint8_t *run;   /* start of the bytes not yet copied */
    Buf *out;
} Copy;

static void flush_run(Copy *c, const uint8_t *upto)
{
    buf_append(c->out, c->run, (size_t)(upto - c->run));
}

/* A call, return_call, ref.func, global.get or global.set whose index
 * space moved; false if the index does not decode. */
static bool remap_index(Copy *c, const uint32_t *map, uint32_t count,
                        WasmReader *r)
{
    const uint8_t *at = r->p++;
    uint32_t idx;
    TRY(wdec_u32(r, &idx, "index immediate"));
    if (idx >= count || map[idx] == idx)
        return true; /* out of range: the reader refused it already */
    flush_run(c, at);
    buf_push(c->out, *at);
    wenc_u32(c->out, map[idx]);
    c->run = r->p;
    return true;
}

/* remap_index for an index of at most 4 LEB bytes (every index below
 * 2^28), without a reader: false (nothing done) for any other, which
 * remap_index then takes.  *next gets the byte past the instruction. */
static inline bool remap_index_fast(Copy *c, const uint32_t *map,
                                    uint32_t count, const uint8_t *at,
                                    const uint8_t *end, const uint8_t **next)
{
    const uint8_t *p = at + 1;
    uint32_t idx = 0;
    unsigned k = 0;
    for (; k < 4 && p + k < end; k++) {
        idx |= (uint32_t)(p[k] & 0x7F) << (7 * k);
        if (!(p[k] & 0x80))
            break;
    }
    if (k == 4 || p + k >= end)
        return false;
    *next = p + k + 1;
    if (idx >= count || map[idx] == idx)
        return true; /* out of range: the reader refused it already */
    size_t run = (size_t)(at - c->run);
    buf_reserve(c->out, run + 6);
    uint8_t *o = c->out->data + c->out->len;
    memcpy(o, c->run, run);
    o += run;
    *o++ = *at;
    uint32_t v = map[idx];
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        *o++ = (uint8_t)(b | (v ? 0x80 : 0));
    } while (v);
    c->out->len = (size_t)(o - c->out->data);
    c->run = *next;
    return true;
}

static bool remap_full(Copy *c, uint32_t *const maps[WASM_EXT_COUNT],
                       WasmReader *r, Arena *scratch)
{
    const uint8_t *at = r->p;
    WasmInstr in;
    TRY(wdec_instr(r, &in, scratch));
    if (wasm_instr_remap(&in, maps)) {
        flush_run(c, at);
        wenc_instr(c->out, &in);
        c->run = r->p;
    }
    return true;
}

bool wimpl_remap_skips(const WimplRemap *rm, const uint8_t *code, size_t len)
{
    const uint8_t *p = code, *end = code + len;
    while (p && p < end)
        p = skip_instr(rm->classes[*p], p, end);
    return p == end;
}

/* Past the instruction at p when it has no immediate or one LEB of one
 * byte naming nothing that moves (most code); NULL otherwise. */
static inline const uint8_t *skip_common(const uint8_t *classes,
                                         const uint8_t *p, const uint8_t *end)
{
    uint8_t cls = classes[*p];
    if (cls == RC_PLAIN)
        return p + 1;
    if (cls == RC_LEB && end - p >= 2 && !(p[1] & 0x80))
        return p + 2;
    return NULL;
}

bool wimpl_remap_code(const WimplRemap *rm, const uint8_t *code, size_t len,
                      Buf *out, Arena *scratch, WasmError *err)
{
    WasmReader r;
    wasm_reader_init(&r, code, len, err);
    Copy c = {.run = code, .out = out};
    const uint8_t *p = code, *end = code + len;
    while (p < end) {
        const uint8_t *next = skip_common(rm->classes, p, end);
        if (!next) {
            uint8_t cls = rm->classes[*p];
            next = skip_instr(cls, p, end);
        }
        if (next) {
            p = next;
            continue;
        }
        uint8_t cls = rm->classes[*p];
        int space = cls == RC_FUNC ? WASM_EXT_FUNC
                  : cls == RC_GLOBAL ? WASM_EXT_GLOBAL : -1;
        if (space >= 0 && remap_index_fast(&c, rm->maps[space],
                                           rm->counts[space], p, end, &next)) {
            p = next;
            continue;
        }
        r.p = p;
        if (cls == RC_FUNC)
            TRY(remap_index(&c, rm->maps[WASM_EXT_FUNC],
                            rm->counts[WASM_EXT_FUNC], &r));
        else if (cls == RC_GLOBAL)
            TRY(remap_index(&c, rm->maps[WASM_EXT_GLOBAL],
                            rm->counts[WASM_EXT_GLOBAL], &r));
        else
            TRY(remap_full(&c, rm->maps, &r, scratch));
        p = r.p;
    }
    flush_run(&c, end);
    arena_reset(scratch);
    return true;
}

bool wimpl_remap_sites(const WimplRemap *rm, const uint8_t *body, size_t len,
                       const uint32_t *sites, uint32_t n, Buf *out,
                       Arena *scratch, WasmError *err)
{
    WasmReader r;
    wasm_reader_init(&r, body, len, err);
    Copy c = {.run = body, .out = out};
    const uint8_t *end = body + len, *next;
    for (uint32_t k = 0; k < n; k++) {
        r.p = body + sites[k];
        uint8_t cls = rm->classes[*r.p];
        if (cls == RC_FUNC &&
            remap_index_fast(&c, rm->maps[WASM_EXT_FUNC],
                             rm->counts[WASM_EXT_FUNC], r.p, end, &next))
            continue;
        if (cls == RC_FUNC)
            TRY(remap_index(&c, rm->maps[WASM_EXT_FUNC],
                            rm->counts[WASM_EXT_FUNC], &r));
        else if (cls == RC_FULL)
            TRY(remap_full(&c, rm->maps, &r, scratch));
        /* else its space did not move */
    }
    flush_run(&c, body + len);
    arena_reset(scratch);
    return true;
}

/* ---- patching a few instructions of a body (wrw_patch_code) ----------------------- */

/* Per first byte: what the patch skips.  Function indices are classed
 * apart (RC_FUNC) so that their sites can be kept. */
static const uint8_t *patch_classes(void)
{
    static uint8_t table[256];
    static bool ready;
    if (!ready) {
        wimpl_remap_classes(WASM_REFS_FUNC, table);
        ready = true;
    }
    return table;
}

/* A patch in progress: body[run..p) is not copied yet; sites are where
 * the new body's instructions naming a function start. */
typedef struct {
    size_t len;           /* the old body's bytes */
    const uint8_t *run;
    Buf out;
    VEC(uint32_t) sites;
    uint32_t count, refs;
    bool changed;
} Patch;

/* The offset in the new body of p, an instruction in the pending run. */
static inline uint32_t pending_at(const Patch *pt, const uint8_t *p)
{
    return (uint32_t)(pt->out.len + (size_t)(p - pt->run));
}

static inline bool op_names_func(uint32_t op)
{
    return wasm_ops[op].imm == IMM_FUNC;
}

/* The instruction at `at` (`next` past it) replaced by code[0..n). */
static void patch_replace(Patch *pt, const uint8_t *at, const uint8_t *next,
                          const WasmInstr *code, uint32_t n)
{
    if (!pt->changed) /* the first: the new body is about the old's size */
        buf_reserve(&pt->out, pt->len + pt->len / 8 + 16);
    buf_append(&pt->out, pt->run, (size_t)(at - pt->run));
    for (uint32_t i = 0; i < n; i++) {
        if (op_names_func(code[i].op))
            vec_push(pt->sites, (uint32_t)pt->out.len);
        wenc_instr(&pt->out, &code[i]);
        pt->refs |= wasm_instr_refs(&code[i]);
    }
    pt->run = next;
    pt->count += n;
    pt->changed = true;
}

/* Makes pt's output func's body: stored as a commit stores one (the old
 * body's pages handed back, the function sites kept for the writer). */
static void patch_store(WasmModule *m, uint32_t func, Patch *pt)
{
    static const uint32_t none[1];
    wimpl_store_body(m, func, &pt->out, m->funcs.v[func].refs | pt->refs,
                     pt->count, pt->sites.n ? pt->sites.v : none,
                     pt->sites.n);
}

/* One instruction the skip table does not know, at r->p: decoded and
 * given to patch.  False with *stop set when patch gives up. */
static bool patch_full(Patch *pt, WasmReader *r, Arena *scratch,
                       WrwPatchFn patch, void *ctx, bool *stop)
{
    const uint8_t *at = r->p;
    WasmInstr in;
    TRY(wdec_instr(r, &in, scratch));
    const WasmInstr *code;
    uint32_t n = patch(ctx, &in, &code);
    if (n == WRW_PATCH_STOP) {
        *stop = true;
        return false;
    }
    if (n == WRW_PATCH_KEEP) {
        if (op_names_func(in.op))
            vec_push(pt->sites, pending_at(pt, at));
        pt->count++;
    } else {
        patch_replace(pt, at, r->p, code, n);
    }
    arena_reset(scratch);
    return true;
}

/* The code code[0..len) through the skip table and patch; false when it
 * does not decode or patch stops. */
static bool patch_scan(Patch *pt, const uint8_t *code, size_t len,
                       Arena *scratch, WrwPatchFn patch, void *ctx,
                       bool *stop, WasmError *err)
{
    const uint8_t *classes = patch_classes();
    const uint8_t *p = code, *end = code + len;
    WasmReader r;
    wasm_reader_init(&r, code, len, err);
    while (p < end) {
        const uint8_t *next = skip_common(classes, p, end);
        uint8_t cls = classes[*p];
        if (!next && cls == RC_FUNC) {
            vec_push(pt->sites, pending_at(pt, p));
            next = skip_leb(p + 1, end);
        } else if (!next) {
            next = skip_instr(cls, p, end);
        }
        if (next) {
            pt->count++;
            p = next;
            continue;
        }
        r.p = p;
        TRY(patch_full(pt, &r, scratch, patch, ctx, stop));
        p = r.p;
    }
    return true;
}

bool wrw_patch_code(WasmModule *m, uint32_t func, Arena *scratch,
                    WrwPatchFn patch, void *ctx, WasmError *err)
{
    WasmReader r;
    uint32_t locals_off;
    TRY(wimpl_open_code(m, func, &r, &locals_off, err));
    const uint8_t *body = r.p - locals_off;
    uint32_t len = (uint32_t)(r.end - body);
    Patch pt = {.len = len, .run = body};
    buf_init(&pt.out);
    bool stop = false;
    bool ok = patch_scan(&pt, r.p, (size_t)(r.end - r.p), scratch, patch,
                         ctx, &stop, err);
    arena_reset(scratch);
    if (ok && pt.changed) {
        buf_append(&pt.out, pt.run, (size_t)(body + len - pt.run));
        patch_store(m, func, &pt);
    } else if (m->funcs.v[func].new_body) { /* read: its pages may go back */
        wspill_read_done(m, body, len);
    }
    buf_fini(&pt.out);
    vec_free(pt.sites);
    return ok || stop;
}
