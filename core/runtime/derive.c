/* derive.c -- per-site counts the emitter derives from others instead of
 * counting them (runtime.h, "Derived counts"): before the report is
 * printed, each derived u64 becomes a difference or a sum of others. */
#include "runtime.h"

#include "mem.h"

/* The next unsigned LEB128 number of 32 bits at *p (< end); advances. */
static uint32_t next_leb(const uint8_t **p, const uint8_t *end)
{
    uint32_t v = 0;
    for (uint32_t shift = 0; *p < end && shift < 35; shift += 7) {
        uint8_t c = *(*p)++;
        v |= (uint32_t)(c & 0x7F) << shift;
        if (!(c & 0x80))
            break;
    }
    return v;
}

static uint64_t load_u64(uint32_t addr)
{
    const uint8_t *p = rt_ptr(addr);
    uint64_t v = 0;
    for (uint32_t k = 8; k-- > 0;) /* little-endian, any alignment */
        v = v << 8 | p[k];
    return v;
}

static void store_u64(uint32_t addr, uint64_t v)
{
    uint8_t *p = rt_ptr(addr);
    for (uint32_t k = 0; k < 8; k++, v >>= 8)
        p[k] = (uint8_t)v;
}

/* The sum of the run of edge counts an entry names by field (runtime.h);
 * *edge: the end of the run the entry before read, then this one's. */
static uint64_t edge_run(uint32_t *edge, uint32_t field)
{
    uint32_t zz = field / WHAMM_RT_DERIVE_RUN_MAX;
    uint32_t n = field % WHAMM_RT_DERIVE_RUN_MAX + 1;
    int32_t from_end = (int32_t)(zz >> 1) ^ -(int32_t)(zz & 1);
    uint32_t at = *edge + 8 * (uint32_t)from_end;
    uint64_t sum = 0;
    for (uint32_t k = 0; k < n; k++)
        sum += load_u64(at + 8 * k);
    *edge = at + 8 * n;
    return sum;
}

void whamm_rt_derive(uint32_t table, uint32_t len)
{
    const uint8_t *p = rt_ptr(table), *end = p + len;
    uint32_t dst = 0, edge = 0;
    while (p < end) {
        uint32_t head = next_leb(&p, end), kind = head & 3;
        dst += 8 * (head >> 2);
        uint64_t v;
        if (kind == WHAMM_RT_DERIVE_EDGE_SUM ||
            kind == WHAMM_RT_DERIVE_EDGE_ADD)
            v = edge_run(&edge, next_leb(&p, end));
        else
            v = load_u64(dst - 8 * next_leb(&p, end));
        if (kind == WHAMM_RT_DERIVE_DIFF)
            v -= load_u64(dst - 8 * next_leb(&p, end));
        else if (kind == WHAMM_RT_DERIVE_EDGE_SUM)
            v += load_u64(dst - 8 * next_leb(&p, end));
        else
            v += load_u64(dst);
        store_u64(dst, v);
    }
}
