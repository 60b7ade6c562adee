/* test_util.c -- arenas and byte buffers. */
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

void suite_util(void)
{
    arena_basics();
    arena_bytes();
    buf_basics();
}
