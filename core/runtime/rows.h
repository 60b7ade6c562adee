/* rows.h -- writing the rows of the compact report layout (runtime.h,
 * "The compact layout"), and the list of recent row shapes that the
 * writers and the reader keep alike.  The emitter (emit/report_table.c)
 * writes the rows of the sites it instruments, the runtime (sites.c) the
 * rows a wei monitor adds while it is bound, and the runtime's report.c
 * reads them; all three use these functions, so the list evolves the same
 * way on both sides.  Freestanding: static inline functions over bytes. */
#ifndef WHAMM_RT_ROWS_H
#define WHAMM_RT_ROWS_H

#include "runtime.h"

/* Loops over the list stay loops in the runtime: unrolled, they would
 * add a few hundred bytes to every instrumented module for little speed. */
#ifdef __clang__
#define RT_ROLLED _Pragma("clang loop unroll(disable)")
#else
#define RT_ROLLED
#endif

/* The longest row: four LEB128 numbers of 32 bits. */
#define WHAMM_RT_ROW_MAX 20u

/* A site row's shape: its kind, whether its value is the previous row's
 * (else the next one), and its pc step (the 32-bit wrapping difference
 * from the previous row's pc), packed in 64 bits. */
static inline uint64_t rt_shape(uint32_t kind, uint32_t same_value,
                                uint32_t pc_step)
{
    return (uint64_t)kind << 33 | (uint64_t)(same_value != 0) << 32 | pc_step;
}

static inline uint32_t rt_shape_kind(uint64_t shape)
{
    return (uint32_t)(shape >> 33);
}

static inline uint32_t rt_shape_same_value(uint64_t shape)
{
    return (uint32_t)(shape >> 32) & 1;
}

static inline uint32_t rt_shape_pc_step(uint64_t shape)
{
    return (uint32_t)shape;
}

/* The last WHAMM_RT_RECENT distinct shapes of a run, most recent first. */
typedef struct {
    uint64_t shape[WHAMM_RT_RECENT];
    uint32_t n;
} RtRecent;

/* The position of shape in the list; r->n when it is not there. */
static inline uint32_t rt_recent_find(const RtRecent *r, uint64_t shape)
{
    uint32_t i = 0;
    RT_ROLLED
    while (i < r->n && r->shape[i] != shape)
        i++;
    return i;
}

/* A row has shape, found at pos (r->n: not in the list): it moves to the
 * front; a new one pushes the others back, the last dropping off when the
 * list is full. */
static inline void rt_recent_use(RtRecent *r, uint32_t pos, uint64_t shape)
{
    if (pos >= r->n) {
        if (r->n < WHAMM_RT_RECENT)
            r->n++;
        pos = r->n - 1;
    }
    RT_ROLLED
    for (; pos > 0; pos--)
        r->shape[pos] = r->shape[pos - 1];
    r->shape[0] = shape;
}

/* What the rows of a run written so far end with (all 0 and the list
 * empty before the first row). */
typedef struct {
    uint32_t fid, pc, value;
    uint32_t nrows;
    RtRecent recent;
} RtRowEnd;

static inline uint32_t rt_put_leb(uint8_t *out, uint32_t v)
{
    uint32_t n = 0;
    RT_ROLLED
    do {
        uint8_t c = v & 0x7F;
        v >>= 7;
        out[n++] = (uint8_t)(c | (v ? 0x80 : 0));
    } while (v);
    return n;
}

/* v as a zig-zag coded difference from *prev, which becomes v. */
static inline uint32_t rt_put_delta(uint8_t *out, uint32_t *prev, uint32_t v)
{
    uint32_t d = v - *prev;
    *prev = v;
    return rt_put_leb(out, (d << 1) ^ (0u - (d >> 31)));
}

/* Writes into out (WHAMM_RT_ROW_MAX bytes) the row of site kind `kind`
 * at fid and pc whose value of `size` bytes is at `value`: one byte when
 * its shape is a recent one.  Returns the row's length. */
static inline uint32_t rt_row_put_site(uint8_t *out, RtRowEnd *e,
                                       uint32_t kind, uint32_t size,
                                       uint32_t fid, uint32_t pc,
                                       uint32_t value)
{
    uint32_t same_fid = fid == e->fid;
    uint32_t same_value = value == e->value && e->nrows;
    uint32_t next_value = !same_value && value - e->value == size;
    e->nrows++;
    if (same_fid && (same_value || next_value)) {
        uint64_t shape = rt_shape(kind, same_value, pc - e->pc);
        uint32_t pos = rt_recent_find(&e->recent, shape);
        uint32_t recent = pos < e->recent.n;
        rt_recent_use(&e->recent, pos, shape);
        if (recent) {
            e->pc = pc;
            e->value = value;
            return rt_put_leb(out, pos);
        }
    }
    uint32_t n = rt_put_leb(out, WHAMM_RT_RECENT +
                                     (kind << WHAMM_RT_KIND_SHIFT |
                                      (same_fid ? WHAMM_RT_SAME_FID : 0) |
                                      (next_value ? WHAMM_RT_NEXT_VALUE : 0) |
                                      (same_value ? WHAMM_RT_SAME_VALUE : 0)));
    if (!same_fid)
        n += rt_put_delta(out + n, &e->fid, fid);
    n += rt_put_delta(out + n, &e->pc, pc);
    if (same_value || next_value)
        e->value = value;
    else
        n += rt_put_delta(out + n, &e->value, value);
    return n;
}

/* Writes the row of a kind that is not a site's (its value at `value`);
 * returns its length. */
static inline uint32_t rt_row_put_plain(uint8_t *out, RtRowEnd *e,
                                        uint32_t kind, uint32_t value)
{
    uint32_t n = rt_put_leb(out, WHAMM_RT_RECENT +
                                     (kind << WHAMM_RT_KIND_SHIFT));
    e->nrows++;
    return n + rt_put_delta(out + n, &e->value, value);
}

#endif
