/* test_derive.c -- derived counts (core/runtime/derive.c), compiled
 * natively: whamm_rt_derive works through a table laid out as runtime.h
 * says (each kind, distances forward and back, an entry reading a count
 * an entry before it made, wrapping).  The table and the values are
 * worked out by hand. */
#include "rt_native.h"

#include <stdio.h>
#include <string.h>

enum { DIFF, ADD, EDGE_SUM, EDGE_ADD };

static uint64_t get(uint32_t addr)
{
    uint64_t v;
    memcpy(&v, rt_ptr(addr), 8);
    return v;
}

static void set(uint32_t addr, uint64_t v)
{
    memcpy(rt_ptr(addr), &v, 8);
}

typedef struct {
    uint8_t b[64];
    uint32_t n;
} Table;

static void leb(Table *t, uint32_t v)
{
    do {
        uint8_t c = v & 0x7F;
        v >>= 7;
        t->b[t->n++] = c | (v ? 0x80 : 0);
    } while (v);
}

static void expect(uint32_t addr, uint64_t want, const char *what)
{
    if (!native_check(get(addr) == want, what))
        fprintf(stderr, "  got %llu, want %llu\n",
                (unsigned long long)get(addr), (unsigned long long)want);
}

/* c[0..9]: s1 = 10, t = 3, f = 2, edge counts e0..e2 = 5, 7, 1, then
 * the derived ones. */
static void table_kinds(void)
{
    uint32_t c = native_alloc(8 * 10, 8);
    uint32_t s1 = c, t = c + 8, f = c + 16, e0 = c + 24, e1 = c + 32;
    set(s1, 10);
    set(t, 3);
    set(f, 2);
    set(e0, 5);
    set(e1, 7);
    set(c + 40, 1);
    Table tb = {0};
    /* c6 = s1 - t, then += f: 9 */
    leb(&tb, (c + 48) / 8 * 4 + DIFF);
    leb(&tb, 6);
    leb(&tb, 5);
    leb(&tb, 0 * 4 + ADD);
    leb(&tb, 4);
    /* c7 = e0 + c6 (e0 from 0: zig zag 2m, a run of 1), then += e1 (right
     * after e0: 0): 21 */
    leb(&tb, 1 * 4 + EDGE_SUM);
    leb(&tb, e0 / 8 * 2 * 8 + 0);
    leb(&tb, 1);
    leb(&tb, 0 * 4 + EDGE_ADD);
    leb(&tb, 0);
    /* c8 += e0 + e1 + e2 (e0 two before the end of the last run, e1 + 8:
     * zig zag 3, a run of 3): 13 */
    leb(&tb, 1 * 4 + EDGE_ADD);
    leb(&tb, 3 * 8 + 2);
    /* c9 = t - s1, wrapping */
    leb(&tb, 1 * 4 + DIFF);
    leb(&tb, 8);
    leb(&tb, 9);
    whamm_rt_derive(native_bytes(tb.b, tb.n), tb.n);
    expect(c + 48, 9, "s1 - t + f");
    expect(c + 56, 21, "e0 + (s1 - t + f) + e1");
    expect(c + 64, 13, "a run of edge counts from before the last one");
    expect(c + 72, UINT64_MAX - 6, "3 - 10 wraps");
    expect(s1, 10, "the counts read stay");
    expect(e1, 7, "the edge counts read stay");
}

int main(void)
{
    native_init(2, 16);
    table_kinds();
    return native_done("runtime.derive");
}
