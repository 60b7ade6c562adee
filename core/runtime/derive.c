/* derive.c -- per-site counts the emitter derives from others instead of
 * counting them (runtime.h, "Derived counts"): before the report is
 * printed, each derived u64 becomes the difference of two counts. */
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

void whamm_rt_derive(uint32_t table, uint32_t len)
{
    const uint8_t *p = rt_ptr(table), *end = p + len;
    uint32_t dst = 0;
    while (p < end) {
        dst += 8 * next_leb(&p, end);
        uint32_t a = dst - 8 * next_leb(&p, end);
        uint32_t b = dst - 8 * next_leb(&p, end);
        store_u64(dst, load_u64(a) - load_u64(b));
    }
}
