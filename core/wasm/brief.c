/* brief.c -- an original body as a table of its instructions in brief
 * (wasm_body_brief): for a pass that follows control flow and puts code
 * in with wrw_splice_pieces, without decoding the body for editing. */
#include "wasm_impl.h"

/* The unsigned LEB at *p (before end), into *v; false if there is none
 * (the body was validated: only a defence). */
static inline bool leb_u32(const uint8_t **p, const uint8_t *end,
                           uint32_t *v)
{
    uint32_t x = 0;
    for (uint32_t shift = 0; shift < 35 && *p < end; shift += 7) {
        uint8_t b = *(*p)++;
        x |= (uint32_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return true;
        }
    }
    return false;
}

static inline bool leb_skip(const uint8_t **p, const uint8_t *end)
{
    for (uint32_t k = 0; k < 10 && *p < end; k++)
        if (!(*(*p)++ & 0x80))
            return true;
    return false;
}

/* The immediates of the instruction whose opcode byte was just read, of
 * a shape wimpl_short_ops names; false for one of the other shapes, or a
 * block type of more than a byte. */
static inline bool short_imm(const uint8_t **p, const uint8_t *end,
                             uint8_t shape, WasmBrief *in)
{
    uint32_t align;
    switch (shape) {
    case WIMPL_SH_NONE:
        return true;
    case WIMPL_SH_INDEX:
        return leb_u32(p, end, &in->a);
    case WIMPL_SH_I32: case WIMPL_SH_I64:
        return leb_skip(p, end);
    case WIMPL_SH_F32: case WIMPL_SH_F64: {
        uint32_t n = shape == WIMPL_SH_F32 ? 4 : 8;
        if ((size_t)(end - *p) < n)
            return false;
        *p += n;
        return true;
    }
    case WIMPL_SH_MEMARG:
        return leb_u32(p, end, &align) &&
               (!(align & 0x40) || leb_skip(p, end)) && leb_skip(p, end);
    case WIMPL_SH_BLOCKTYPE:
        if (*p < end && (**p == 0x40 || (**p >= 0x7B && **p <= 0x7F) ||
                         (**p >= 0x69 && **p <= 0x74))) {
            (*p)++;
            return true;
        }
        return false;
    default:
        return false;
    }
}

typedef VEC(uint32_t) Labels;

/* The labels an instruction decoded in full names (a br_table's, a
 * try_table's catches'), onto the list; a, its index there. */
static void full_labels(Labels *list, const WasmInstr *w, WasmBrief *in)
{
    in->a = w->a;
    uint8_t imm = wasm_ops[w->op].imm;
    if (imm != IMM_BR_TABLE && imm != IMM_TRY_TABLE)
        return;
    in->a = list->n;
    vec_push(*list, w->n);
    for (uint32_t k = 0; k < w->n; k++)
        vec_push(*list, imm == IMM_BR_TABLE ? w->ext.labels[k]
                                            : w->ext.catches[k].label);
}

/* The code from p on, into code[0..cap): the count, 0 if it cannot be
 * read (or has more instructions than the reader counted). */
static uint32_t brief_code(WasmReader *r, const uint8_t *p, WasmBrief *code,
                           uint32_t cap, Labels *list, Arena *arena)
{
    const WimplShortOp *sh = wimpl_short_ops();
    const uint8_t *body = r->base, *end = r->end;
    uint32_t k = 0;
    while (p < end) {
        if (k == cap)
            return 0;
        WasmBrief *in = &code[k++];
        in->off = (uint32_t)(p - body);
        in->op = sh[*p].op;
        in->a = 0;
        const uint8_t *q = p + 1;
        if (sh[*p].shape != WIMPL_SH_FULL &&
            short_imm(&q, end, sh[*p].shape, in)) {
            p = q;
            continue;
        }
        WasmInstr w;
        r->p = p;
        if (!wdec_instr(r, &w, arena))
            return 0;
        in->op = w.op;
        full_labels(list, &w, in);
        p = r->p;
    }
    return k;
}

const WasmBrief *wasm_body_brief(const WasmModule *m, uint32_t func,
                                 Arena *arena, uint32_t *n,
                                 const uint32_t **labels, uint32_t *nlocals)
{
    uint32_t nsites;
    if (!wasm_body_sites(m, func, &nsites))
        return NULL;
    const WasmFunc *f = &m->funcs.v[func];
    const uint8_t *body = m->bytes + f->body.off;
    WasmError err = {0};
    WasmReader r;
    wasm_reader_init(&r, body, f->body.len, &err);
    uint64_t locals;
    if (!wimpl_read_locals(&r, &locals))
        return NULL;
    *nlocals = (uint32_t)locals;
    /* the reader counted them; an instruction takes a byte at least */
    uint32_t cap = f->ninstr ? f->ninstr : f->body.len;
    WasmBrief *code = arena_alloc_raw(arena, sizeof *code * cap);
    Labels list = {0};
    *n = brief_code(&r, r.p, code, cap, &list, arena);
    *labels = list.n ? arena_dup(arena, list.v, sizeof *list.v * list.n)
                     : NULL;
    vec_free(list);
    return *n ? code : NULL;
}
