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
    buf_basics();
}
