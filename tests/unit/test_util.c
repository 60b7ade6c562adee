/* test_util.c -- arenas, byte buffers and zero regions. */
#include "unit.h"

#include "util/util.h"

#include <stdint.h>

static void arena_basics(void)
{
    Arena a;
    arena_init(&a);
    uint8_t *p = arena_alloc(&a, 10);
    CHECK(p != NULL && ((uintptr_t)p % 16) == 0);
    for (int i = 0; i < 10; i++)
        CHECK(p[i] == 0);
    /* a large allocation gets a chunk of its own */
    uint8_t *big = arena_alloc(&a, 1 << 20);
    big[(1 << 20) - 1] = 7;
    CHECK(a.total >= (1 << 20) + 16);
    char *s = arena_strndup(&a, "hello world", 5);
    CHECK(strcmp(s, "hello") == 0);
    arena_reset(&a);
    CHECK(a.total == 0);
    for (int i = 0; i < 10000; i++)
        arena_alloc(&a, 100);
    arena_fini(&a);
}

/* Byte copies take exactly their length, back to back; an aligned
 * allocation after them is aligned again. */
static void arena_bytes(void)
{
    Arena a;
    arena_init(&a);
    const uint8_t *x = arena_dup_bytes(&a, "abc", 3);
    const uint8_t *y = arena_dup_bytes(&a, "de", 2);
    CHECK(y == x + 3 && a.total == 5);
    CHECK(memcmp(x, "abcde", 5) == 0);
    uint8_t *z = arena_alloc(&a, 4);
    CHECK(((uintptr_t)z % 16) == 0 && z >= x + 5 && a.total == 16 + 16);
    CHECK(memcmp(x, "abcde", 5) == 0);
    /* a copy larger than what is left opens a chunk of its own */
    static uint8_t big[70000];
    big[69999] = 9;
    const uint8_t *b = arena_dup_bytes(&a, big, sizeof big);
    CHECK(b[69999] == 9 && a.total == 32 + sizeof big);
    CHECK(arena_dup_bytes(&a, NULL, 0) != NULL);
    arena_fini(&a);
}

static void buf_basics(void)
{
    Buf b;
    buf_init(&b);
    for (int i = 0; i < 1000; i++)
        buf_push(&b, (uint8_t)i);
    CHECK(b.len == 1000 && b.data[999] == (uint8_t)999);
    buf_printf(&b, "%d-%s", 42, "x");
    CHECK(b.len == 1004 && memcmp(b.data + 1000, "42-x", 4) == 0);
    buf_fini(&b);
}

/* Every byte in [from, to) of z is zero. */
static bool zregion_zero(const ZeroRegion *z, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (z->data[i] != 0)
            return false;
    return true;
}

/* A zero region grows by zero bytes and keeps what was written; mapped,
 * it never moves (max is in bytes: 64 MiB, or SIZE_MAX, which no mapping
 * can reserve, so the heap fallback). */
static void zregion_grows(size_t max, bool stays)
{
    ZeroRegion z;
    zregion_init(&z, max);
    CHECK(zregion_grow(&z, 0) == 0 && z.len == 0);
    CHECK(zregion_grow(&z, 5) == 0 && z.len == 5 && zregion_zero(&z, 0, 5));
    memcpy(z.data, "whamm", 5);
    const uint8_t *at = z.data;
    size_t big = 3u << 20; /* past the first steps */
    CHECK(zregion_grow(&z, big) == 5 && z.len == 5 + big);
    CHECK(memcmp(z.data, "whamm", 5) == 0 && zregion_zero(&z, 5, z.len));
    CHECK(!stays || z.data == at);
    z.data[z.len - 1] = 7;
    CHECK(zregion_grow(&z, 1) == 5 + big && z.data[5 + big] == 0 &&
          z.data[4 + big] == 7);
    void *block = zregion_take(&z);
    CHECK(block != NULL && z.data == NULL && z.len == 6 + big);
    zregion_block_free(block);
    zregion_fini(&z);
    /* released without ever growing */
    zregion_init(&z, max);
    CHECK(zregion_take(&z) == NULL);
    zregion_fini(&z);
}

void suite_util(void)
{
    arena_basics();
    arena_bytes();
    buf_basics();
    zregion_grows((size_t)64 << 20, true);
    zregion_grows(SIZE_MAX, false);
}
