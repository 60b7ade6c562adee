/* alloc.c -- checked allocation: every heap allocation in libwhamm comes
 * through here, so out-of-memory is handled in exactly one place. */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

_Noreturn void die_out_of_memory(size_t n)
{
    fprintf(stderr, "whamm: out of memory (allocating %zu bytes)\n", n);
    abort();
}

static void *check(void *p, size_t n)
{
    if (p == NULL && n != 0)
        die_out_of_memory(n);
    return p;
}

void *xmalloc(size_t n) { return check(malloc(n ? n : 1), n); }

void *xcalloc(size_t count, size_t size)
{
    return check(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1), n); }

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void alloc_unmap_large_blocks(void)
{
#ifdef __GLIBC__
    /* glibc's default (128 KB) made fixed: left dynamic, it rises to the
     * size of each large block freed (up to 32 MB), and the memory of the
     * freed per-function arenas and buffers would stay in the process */
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}
