/* lib-small.c -- e2e case lib-outgrow: a library whose memory may grow to
 * 3 pages (lib-small.flags); it starts with 2. */
#include <stdlib.h>

__attribute__((export_name("pages"))) int pages(void)
{
    return (int)__builtin_wasm_memory_size(0);
}

__attribute__((export_name("grow"))) int grow(int n)
{
    return (int)__builtin_wasm_memory_grow(0, (unsigned long)n);
}

static void *volatile kept; /* so the compiler keeps malloc's result */

/* 1 MiB cannot fit in 3 pages: malloc gets -1 from memory.grow. */
__attribute__((export_name("big"))) int big(void)
{
    kept = malloc(1 << 20);
    return kept != NULL;
}
