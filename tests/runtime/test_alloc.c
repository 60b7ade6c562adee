/* test_alloc.c -- whamm's heap (core/runtime/alloc.c), compiled natively
 * over a simulated memory: freed blocks are reused (the same address for
 * the same size, merged neighbours for a larger one, no growth when a
 * freed heap is allocated again); a random stress of allocations and frees
 * of mixed sizes, with other code growing the memory in between, checks
 * alignment 8, that every block lies in grown memory and that no two live
 * blocks overlap (each is filled with its own pattern, checked when it is
 * freed); out of memory, an oversized request and a double free trap with
 * whamm_rt_fail's message. */
#include "rt_native.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what) { native_check(ok, what); }

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static uint32_t mem_end(void)
{
    return whamm_rt_native_mem.pages * RT_PAGE;
}

/* Freed blocks come back: exactly, merged, and without growing. */
static void reuse(void)
{
    uint8_t *x = whamm_rt_alloc(40), *p = whamm_rt_alloc(40);
    uint8_t *y = whamm_rt_alloc(40);
    whamm_rt_free(p);  /* x and y are live: p cannot merge */
    check(whamm_rt_alloc(40) == p, "a freed block is reused for its size");
    whamm_rt_free(p);
    check(whamm_rt_alloc(33) == p, "the same block serves a size in its class");

    /* a, b, c adjacent; freed in any order they merge into one block */
    uint8_t *a = whamm_rt_alloc(100), *b = whamm_rt_alloc(100);
    uint8_t *c = whamm_rt_alloc(100), *guard = whamm_rt_alloc(8);
    check(b == a + 112 && c == b + 112, "consecutive blocks are adjacent");
    whamm_rt_free(a);
    whamm_rt_free(c);
    whamm_rt_free(b);
    check(whamm_rt_alloc(300) == a, "freed neighbours merge");

    uint32_t pages = whamm_rt_native_mem.pages;
    uint8_t *many[1000];
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 1000; i++)
            many[i] = whamm_rt_alloc((uint32_t)(i % 97) * 24);
        for (int i = 999; i >= 0; i -= 2)
            whamm_rt_free(many[i]);
        for (int i = 0; i < 1000; i += 2)
            whamm_rt_free(many[i]);
        if (round == 0)
            pages = whamm_rt_native_mem.pages;
    }
    check(whamm_rt_native_mem.pages == pages,
          "allocating a freed heap again does not grow the memory");
    whamm_rt_free(x);
    whamm_rt_free(y);
    whamm_rt_free(guard);
}

typedef struct {
    uint8_t *p;
    uint32_t size;
    uint8_t fill;
} Live;

/* A size: mostly small, sometimes up to a few KiB, rarely several pages. */
static uint32_t random_size(void)
{
    uint32_t r = rnd(1000);
    if (r < 800)
        return rnd(65);
    if (r < 990)
        return rnd(5000);
    return rnd(300000);
}

static int intact(const Live *l)
{
    for (uint32_t i = 0; i < l->size; i++)
        if (l->p[i] != l->fill)
            return 0;
    return 1;
}

static void take(Live *l, uint8_t fill)
{
    l->size = random_size();
    l->p = whamm_rt_alloc(l->size);
    l->fill = fill;
    uint32_t at = rt_addr(l->p);
    check(at % 8 == 0, "alignment 8");
    check(at >= 16 && at + l->size <= mem_end(), "a block lies in memory");
    memset(l->p, fill, l->size);
}

static void stress(void)
{
    enum { SLOTS = 2000, STEPS = 400000 };
    static Live live[SLOTS];
    int bad = 0;
    for (uint32_t step = 0; step < STEPS; step++) {
        Live *l = &live[rnd(SLOTS)];
        if (step % 5000 == 0)  /* someone else grows the memory */
            whamm_rt_native_mem.pages += 1 + rnd(3);
        if (l->p) {
            bad += !intact(l);
            whamm_rt_free(l->p);
            l->p = 0;
        } else {
            take(l, (uint8_t)(step * 31 + 7));
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        if (live[i].p) {
            bad += !intact(&live[i]);
            whamm_rt_free(live[i].p);
        }
    }
    check(bad == 0, "live blocks never overlap");
    printf("stress: %u pages in the end\n", whamm_rt_native_mem.pages);
}

/* ---- traps (each in a child process) ------------------------------------ */

static void grow_fails(void)
{
    whamm_rt_native_mem.max_pages = whamm_rt_native_mem.pages;
    for (;;)
        whamm_rt_alloc(100000);
}

static void too_big(void)
{
    whamm_rt_alloc(0xFFFFFFF0u);
}

static void double_free(void)
{
    uint8_t *p = whamm_rt_alloc(24), *q = whamm_rt_alloc(24);
    whamm_rt_free(p);
    whamm_rt_free(q);
    whamm_rt_free(p);
}

static void str_keep(void)
{
    const char *s = "a string\0with a NUL";
    uint8_t *k = whamm_rt_str_keep((const uint8_t *)s, 19);
    check(memcmp(k, s, 19) == 0 && rt_addr(k) % 8 == 0, "str_keep copies");
    check(whamm_rt_str_keep(k, 0) != 0, "str_keep of \"\" is a block");
}

int main(void)
{
    native_init(2, 8192);
    reuse();
    str_keep();
    stress();
    native_check(native_expect_fail("memory.grow fails", grow_fails,
        "whamm: out of memory: memory.grow failed for whamm's heap "
        "(allocating 100000 bytes)\n"), NULL);
    native_check(native_expect_fail("a request beyond 4 GiB", too_big,
        "whamm: out of memory: memory.grow failed for whamm's heap "
        "(allocating 4294967280 bytes)\n"), NULL);
    native_check(native_expect_fail("a double free", double_free,
        "whamm: whamm_rt_free: not an allocated block\n"), NULL);
    return native_done("runtime.alloc");
}
