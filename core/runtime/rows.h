/* rows.h -- writing the rows of the compact report layout (runtime.h,
 * "The compact layout"), and the state that the writers and the reader
 * keep alike: the value registers, the two previous kinds and the lists of
 * recent row shapes.  The emitter (emit/report_table.c) writes the rows
 * of the sites it instruments, the runtime (sites.c) the rows a wei
 * monitor adds while it is bound, and the runtime's report.c reads them;
 * all three use these functions, so the state evolves the same way on
 * both sides.  Freestanding: static inline functions over bytes. */
#ifndef WHAMM_RT_ROWS_H
#define WHAMM_RT_ROWS_H

#include "runtime.h"

/* Loops over the lists stay loops in the runtime: unrolled, they would
 * add a few hundred bytes to every instrumented module for little speed. */
#ifdef __clang__
#define RT_ROLLED _Pragma("clang loop unroll(disable)")
#else
#define RT_ROLLED
#endif

/* The helpers that several places call stay functions in the runtime (its
 * code is in every instrumented module); the emitter inlines them. */
#ifdef __wasm__
#define RT_SMALL __attribute__((noinline))
#else
#define RT_SMALL
#endif

/* The most bytes one row completes: the longest escape, four LEB128
 * numbers of 32 bits, and up to 7 bits left over from the rows before. */
#define WHAMM_RT_ROW_MAX 24u

/* The contexts' lists: 1 << WHAMM_RT_CTX_BITS of them (32 KiB). */
#define WHAMM_RT_NCTX (1u << WHAMM_RT_CTX_BITS)
typedef uint64_t RtCtxList[WHAMM_RT_CTX_RECENT];

/* A site row's shape: its kind, its value mode (WHAMM_RT_SAME_VALUE ..
 * WHAMM_RT_STRIDE) and its pc step (the 32-bit wrapping difference
 * from the previous row's pc), packed in 64 bits; never 0, which marks an
 * empty slot of a list.  Kinds are below 1 << 28 (a full row's first
 * number holds kind << WHAMM_RT_KIND_SHIFT). */
static inline uint64_t rt_shape(uint32_t kind, uint32_t mode,
                                uint32_t pc_step)
{
    return (uint64_t)(kind << 4 | (mode - 1) << 1 | 1) << 32 | pc_step;
}

static inline uint32_t rt_shape_kind(uint64_t shape)
{
    return (uint32_t)(shape >> 36);
}

static inline uint32_t rt_shape_mode(uint64_t shape)
{
    return ((uint32_t)(shape >> 33) & 7) + 1;
}

static inline uint32_t rt_shape_pc_step(uint64_t shape)
{
    return (uint32_t)shape;
}

/* A list of cap shapes, most recent first, empty slots (0) at the end:
 * the position of shape, else of the first empty slot, else the last. */
static inline RT_SMALL uint32_t rt_recent_find(const uint64_t *list,
                                               uint32_t cap, uint64_t shape)
{
    uint32_t i = 0;
    RT_ROLLED
    while (i + 1 < cap && list[i] != shape && list[i] != 0)
        i++;
    return i;
}

/* Moves the shape at pos to the front (a new one found at an empty slot
 * or the last one takes its place: the last one drops off). */
static inline RT_SMALL void rt_recent_use(uint64_t *list, uint32_t pos,
                                 uint64_t shape)
{
    RT_ROLLED
    for (; pos > 0; pos--)
        list[pos] = list[pos - 1];
    list[0] = shape;
}

/* What the rows of a run read or written so far end with: all 0 and the
 * lists empty before the first row.  ctx points to WHAMM_RT_NCTX lists
 * that the owner allocates zeroed (a run of plain rows needs none). */
typedef struct {
    uint32_t fid, pc;
    uint32_t value, other;  /* the value registers (runtime.h) */
    uint32_t stride;        /* value minus the value before */
    uint32_t kind1, kind2;  /* the previous row's kind, the one before */
    uint64_t recent[WHAMM_RT_RECENT];
    RtCtxList *ctx;
} RtRows;

/* The list of the context the next row is in: the previous two kinds. */
static inline uint64_t *rt_rows_ctx(RtRows *s)
{
    return s->ctx[((s->kind1 << 16 ^ s->kind2) * 0x9E3779B1u) >>
                  (32 - WHAMM_RT_CTX_BITS)];
}

/* A row of value mode `mode` (size: its value's bytes, needed for the
 * NEXT modes; value: the new value for WHAMM_RT_DELTA) sets the
 * registers; returns the row's value.  From SAME_VALUE to OTHER_NEXT,
 * mode - 1 has bit 0 for NEXT and bit 1 for OTHER. */
static inline RT_SMALL uint32_t rt_rows_value(RtRows *s, uint32_t mode,
                                              uint32_t size, uint32_t value)
{
    uint32_t m = mode - 1, old = s->value;
    if (mode == WHAMM_RT_STRIDE)
        value = old + s->stride;
    else if (mode != WHAMM_RT_DELTA)
        value = (m & 2 ? s->other : old) + (m & 1 ? size : 0);
    if (mode == WHAMM_RT_DELTA || mode == WHAMM_RT_OTHER_VALUE ||
        mode == WHAMM_RT_OTHER_NEXT)
        s->other = old;
    s->stride = value - old;
    s->value = value;
    return value;
}

/* Whether a value mode is a NEXT one (the row's size counts). */
static inline uint32_t rt_mode_next(uint32_t mode)
{
    return mode == WHAMM_RT_NEXT_VALUE || mode == WHAMM_RT_OTHER_NEXT;
}

/* The row's kind becomes the previous one. */
static inline void rt_rows_kind(RtRows *s, uint32_t kind)
{
    s->kind2 = s->kind1;
    s->kind1 = kind;
}

/* ---- writing ------------------------------------------------------------ */

/* A writer: the rows' state and the bits (fewer than 8, from the lowest)
 * that do not fill a byte yet. */
typedef struct {
    RtRows s;
    uint32_t acc, nbits;
} RtRowEnd;

/* Appends the n (at most 24) low bits of v at out[*len]; complete bytes
 * are written, the rest waits in e. */
static inline RT_SMALL void rt_put_bits(uint8_t *out, uint32_t *len,
                                        RtRowEnd *e, uint32_t v, uint32_t n)
{
    e->acc |= (v & ((1u << n) - 1)) << e->nbits;
    e->nbits += n;
    RT_ROLLED
    for (; e->nbits >= 8; e->nbits -= 8) {
        out[(*len)++] = (uint8_t)e->acc;
        e->acc >>= 8;
    }
}

static inline RT_SMALL void rt_put_leb(uint8_t *out, uint32_t *len,
                                       RtRowEnd *e, uint32_t v)
{
    RT_ROLLED
    do {
        uint32_t c = v & 0x7F;
        v >>= 7;
        rt_put_bits(out, len, e, c | (v ? 0x80 : 0), 8);
    } while (v);
}

/* v as a zig-zag coded difference from *prev, which becomes v. */
static inline void rt_put_delta(uint8_t *out, uint32_t *len, RtRowEnd *e,
                                uint32_t *prev, uint32_t v)
{
    uint32_t d = v - *prev;
    *prev = v;
    rt_put_leb(out, len, e, (d << 1) ^ (0u - (d >> 31)));
}

/* Position pos of a context's list: u ones, a zero, then the u - 1 bits
 * of pos below its top bit (u: the bit length of pos). */
static inline void rt_put_pos(uint8_t *out, uint32_t *len, RtRowEnd *e,
                              uint32_t pos)
{
    uint32_t u = 0;
    RT_ROLLED
    while (pos >> u)
        u++;
    rt_put_bits(out, len, e, (1u << u) - 1, u + 1);
    if (u > 1)
        rt_put_bits(out, len, e, pos, u - 1);
}

/* The escape, then 0 and the position in the run's list, or 1 (a full
 * row follows). */
static inline void rt_put_escape(uint8_t *out, uint32_t *len, RtRowEnd *e,
                                 uint32_t full)
{
    rt_put_bits(out, len, e, (1u << WHAMM_RT_ESCAPE) - 1, WHAMM_RT_ESCAPE);
    rt_put_bits(out, len, e, full, 1);
}

/* The value mode a row of `size` bytes at `value` has. */
static inline uint32_t rt_value_mode(const RtRows *s, uint32_t size,
                                     uint32_t value)
{
    return value == s->value            ? WHAMM_RT_SAME_VALUE
           : value - s->value == size   ? WHAMM_RT_NEXT_VALUE
           : value == s->other          ? WHAMM_RT_OTHER_VALUE
           : value - s->other == size   ? WHAMM_RT_OTHER_NEXT
           : value - s->value == s->stride ? WHAMM_RT_STRIDE
                                        : WHAMM_RT_DELTA;
}

/* A full row (after its escape) of a site kind, with its flags. */
static inline void rt_put_full_site(uint8_t *out, uint32_t *len, RtRowEnd *e,
                                    uint32_t kind, uint32_t mode,
                                    uint32_t fid, uint32_t pc, uint32_t value)
{
    uint32_t same_fid = fid == e->s.fid;
    rt_put_leb(out, len, e, kind << WHAMM_RT_KIND_SHIFT |
                                mode << WHAMM_RT_MODE_SHIFT |
                                (same_fid ? WHAMM_RT_SAME_FID : 0));
    if (!same_fid)
        rt_put_delta(out, len, e, &e->s.fid, fid);
    rt_put_delta(out, len, e, &e->s.pc, pc);
    if (mode == WHAMM_RT_DELTA)
        rt_put_leb(out, len, e, (value - e->s.value) << 1 ^
                                    (0u - ((value - e->s.value) >> 31)));
}

/* Writes into out the row of site kind `kind` at fid and pc whose value of
 * `size` bytes is at `value`: mostly a few bits naming a shape in the
 * context's list.  Returns the bytes it completed (at most
 * WHAMM_RT_ROW_MAX; the bits left over stay in e).  e->s.ctx must be
 * set. */
static inline uint32_t rt_row_put_site(uint8_t *out, RtRowEnd *e,
                                       uint32_t kind, uint32_t size,
                                       uint32_t fid, uint32_t pc,
                                       uint32_t value)
{
    RtRows *s = &e->s;
    uint32_t mode = rt_value_mode(s, size, value), len = 0;
    if (fid == s->fid && mode != WHAMM_RT_DELTA) {
        uint64_t shape = rt_shape(kind, mode, pc - s->pc);
        uint64_t *ctx = rt_rows_ctx(s);
        uint32_t pos = rt_recent_find(ctx, WHAMM_RT_CTX_RECENT, shape);
        if (ctx[pos] == shape) {
            rt_put_pos(out, &len, e, pos);
        } else {
            uint32_t g = rt_recent_find(s->recent, WHAMM_RT_RECENT, shape);
            uint32_t full = s->recent[g] != shape;
            rt_put_escape(out, &len, e, full);
            if (full)
                rt_put_full_site(out, &len, e, kind, mode, fid, pc, value);
            else
                rt_put_bits(out, &len, e, g, WHAMM_RT_RECENT_BITS);
            rt_recent_use(s->recent, g, shape);
        }
        rt_recent_use(ctx, pos, shape);
    } else {
        rt_put_escape(out, &len, e, 1);
        rt_put_full_site(out, &len, e, kind, mode, fid, pc, value);
    }
    s->pc = pc;
    rt_rows_value(s, mode, size, value);
    rt_rows_kind(s, kind);
    return len;
}

/* Writes the row of a kind that is not a site's (its value at `value`);
 * returns the bytes it completed. */
static inline uint32_t rt_row_put_plain(uint8_t *out, RtRowEnd *e,
                                        uint32_t kind, uint32_t value)
{
    uint32_t len = 0, v = e->s.value;
    rt_put_escape(out, &len, e, 1);
    rt_put_leb(out, &len, e, kind << WHAMM_RT_KIND_SHIFT);
    rt_put_delta(out, &len, e, &v, value);
    rt_rows_value(&e->s, WHAMM_RT_DELTA, 0, value);
    rt_rows_kind(&e->s, kind);
    return len;
}

/* The byte the bits left over make (0 when there are none), and the
 * run's length in bits given the bytes completed. */
static inline uint8_t rt_row_last_byte(const RtRowEnd *e)
{
    return (uint8_t)e->acc;
}

static inline uint32_t rt_row_bits(const RtRowEnd *e, uint32_t bytes)
{
    return bytes * 8 + e->nbits;
}

#endif
