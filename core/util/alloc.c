/* alloc.c -- checked allocation: every heap allocation in libwhamm comes
 * through here, so out-of-memory is handled in exactly one place; and
 * zero regions (util.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, madvise */
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

/* ---- zero regions ---------------------------------------------------- */

/* A zero region's block starts with its head: how to release it.  The
 * region's bytes follow (16 bytes keep them as aligned as malloc's). */
typedef struct {
    size_t mapped; /* bytes reserved by the mapping, or 0: a heap block */
} ZeroHead;
#define ZHEAD_SIZE 16u
_Static_assert(sizeof(ZeroHead) <= ZHEAD_SIZE, "ZeroHead fits its room");

/* A mapping is opened in steps of this many bytes (a multiple of any page
 * size): one mprotect per step. */
#define ZSTEP ((size_t)1 << 20)

static uint8_t *block_of(const ZeroRegion *z) { return z->data - ZHEAD_SIZE; }

static size_t head_mapped(const ZeroRegion *z)
{
    ZeroHead h;
    memcpy(&h, block_of(z), sizeof h);
    return h.mapped;
}

void zregion_init(ZeroRegion *z, size_t max)
{
    memset(z, 0, sizeof *z);
    z->max = max;
}

/* Reserves max bytes (and the head) inaccessible, which costs neither
 * memory nor commit charge, and opens the first step.  False if the
 * system says no: the caller falls back to the heap. */
static bool map_region(ZeroRegion *z)
{
    if (z->max > SIZE_MAX - ZHEAD_SIZE - ZSTEP)
        return false;
    size_t size = (ZHEAD_SIZE + z->max + ZSTEP - 1) / ZSTEP * ZSTEP;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_NORESERVE
    flags |= MAP_NORESERVE;
#endif
    uint8_t *p = mmap(NULL, size, PROT_NONE, flags, -1, 0);
    if (p == MAP_FAILED)
        return false;
#ifdef MADV_NOHUGEPAGE
    /* a written byte makes its page resident, not a 2 MB huge page */
    madvise(p, size, MADV_NOHUGEPAGE);
#endif
    if (mprotect(p, ZSTEP, PROT_READ | PROT_WRITE) != 0) {
        munmap(p, size);
        return false;
    }
    ZeroHead h = {size};
    memcpy(p, &h, sizeof h);
    z->data = p + ZHEAD_SIZE;
    z->cap = ZSTEP - ZHEAD_SIZE;
    return true;
}

/* Opens the mapping's next steps up to need bytes (need <= max, so it
 * stays inside the reservation); fresh pages read as zero. */
static void open_mapping(ZeroRegion *z, size_t need)
{
    size_t from = ZHEAD_SIZE + z->cap;
    size_t to = (ZHEAD_SIZE + need + ZSTEP - 1) / ZSTEP * ZSTEP;
    if (mprotect(block_of(z) + from, to - from, PROT_READ | PROT_WRITE) != 0)
        die_out_of_memory(to - from);
    z->cap = to - ZHEAD_SIZE;
}

/* The fallback: a heap block of at least need bytes, zeroed past len. */
static void grow_heap(ZeroRegion *z, size_t need)
{
    size_t cap = z->cap ? z->cap : 4096;
    while (cap < need)
        cap = cap > z->max / 2 ? z->max : cap * 2;
    uint8_t *block = xrealloc(z->data ? block_of(z) : NULL, ZHEAD_SIZE + cap);
    if (!z->data)
        memset(block, 0, sizeof(ZeroHead)); /* mapped = 0 */
    z->data = block + ZHEAD_SIZE;
    memset(z->data + z->cap, 0, cap - z->cap);
    z->cap = cap;
}

/* Makes cap at least need: the mapping is made on the first growth. */
static void make_room(ZeroRegion *z, size_t need)
{
    if (!z->data && map_region(z) && need <= z->cap)
        return;
    if (z->data && head_mapped(z))
        open_mapping(z, need);
    else
        grow_heap(z, need);
}

size_t zregion_grow(ZeroRegion *z, size_t n)
{
    size_t at = z->len;
    if (n > z->max - at)
        die_out_of_memory(n);
    if (n > z->cap - at)
        make_room(z, at + n);
    z->len = at + n;
    return at;
}

void *zregion_take(ZeroRegion *z)
{
    void *block = z->data ? block_of(z) : NULL;
    z->data = NULL;
    z->cap = 0;
    return block;
}

void zregion_block_free(void *block)
{
    if (!block)
        return;
    ZeroHead h;
    memcpy(&h, block, sizeof h);
    if (h.mapped)
        munmap(block, h.mapped);
    else
        free(block);
}

void zregion_fini(ZeroRegion *z)
{
    zregion_block_free(zregion_take(z));
    memset(z, 0, sizeof *z);
}
