/* alloc.c -- whamm's heap (runtime.h: whamm_rt_alloc, whamm_rt_free,
 * whamm_rt_str_keep): the memory behind whamm's maps (their tables, the
 * entries made at run time and the bytes of their string keys).
 *
 * Pages come from memory.grow on the runtime's memory (mem.h), so the heap
 * has no fixed capacity.  It is a boundary-tag allocator with segregated
 * free lists:
 *   - a block is an 8-byte header {prev_size, size | USED} and its payload.
 *     Sizes count the header and are multiples of 8, so payloads stay
 *     8-aligned.  prev_size, the size of the block just below (0 for the
 *     first block of a region), lets free() merge with both neighbours in
 *     O(1); two free blocks are therefore never adjacent.
 *   - a free block keeps the {next, prev} addresses of its free list in its
 *     payload.  Lists are binned by size: one bin per 8-byte step below
 *     1 KiB, one per power of two above.  A bitmap finds the next
 *     non-empty bin.
 *   - the pages of a memory.grow form a region that ends in a header-only
 *     USED sentinel.  Pages that arrive right after the newest region (the
 *     usual case) extend it; when something else grew the memory in between,
 *     they start a region of their own.
 */
#include "runtime.h"

#include "fmt.h"
#include "mem.h"

#define HDR 8u                  /* block header bytes */
#define MIN_BLOCK 16u           /* header + the two free-list links */
#define USED 1u                 /* flag in the size word */
#define SMALL_LIMIT 1024u       /* blocks below it have exact bins */
#define SMALL_BINS (SMALL_LIMIT / 8 - 2)      /* sizes 16, 24, ..., 1016 */
#define NBINS (SMALL_BINS + 22)               /* 2^10 ... 2^31 */
#define MAP_WORDS ((NBINS + 31) / 32)
#define MAX_REQUEST (0xFFFFFFFFu - 2 * RT_PAGE)
#define HEAP_LIMIT 0xFFFFFFF8ull  /* keeps every block end inside u32 */
#define MAX_EXTRA_PAGES 256u      /* bound on growing ahead (16 MiB) */

static uint32_t bins[NBINS];         /* first free block per bin, 0 if none */
static uint32_t nonempty[MAP_WORDS]; /* bit b set when bins[b] != 0 */
static uint32_t last_end;            /* newest region's sentinel, 0 if none */
static uint32_t heap_pages;          /* pages grown so far */

/* ---- block fields ------------------------------------------------------ */

static uint32_t *word(uint32_t addr) { return rt_ptr(addr); }
static uint32_t prev_size(uint32_t b) { return word(b)[0]; }
static uint32_t size_of(uint32_t b) { return word(b + 4)[0] & ~USED; }
static int is_used(uint32_t b) { return (word(b + 4)[0] & USED) != 0; }
static uint32_t next_free(uint32_t b) { return word(b + 8)[0]; }

/* Sets b's size (keeping its USED flag) and the prev_size of the block
 * above it. */
static void set_size(uint32_t b, uint32_t size)
{
    word(b + 4)[0] = size | (word(b + 4)[0] & USED);
    word(b + size)[0] = size;
}

/* ---- free lists --------------------------------------------------------- */

static uint32_t bin_of(uint32_t size)
{
    if (size < SMALL_LIMIT)
        return size / 8 - 2;
    return SMALL_BINS + (uint32_t)(31 - __builtin_clz(size)) - 10;
}

static void link_free(uint32_t b)
{
    uint32_t bin = bin_of(size_of(b)), next = bins[bin];
    word(b + 8)[0] = next;
    word(b + 12)[0] = 0;
    if (next)
        word(next + 12)[0] = b;
    bins[bin] = b;
    nonempty[bin / 32] |= 1u << (bin % 32);
}

static void unlink_free(uint32_t b)
{
    uint32_t next = next_free(b), prev = word(b + 12)[0];
    uint32_t bin = bin_of(size_of(b));
    if (next)
        word(next + 12)[0] = prev;
    if (prev) {
        word(prev + 8)[0] = next;
        return;
    }
    bins[bin] = next;
    if (!next)
        nonempty[bin / 32] &= ~(1u << (bin % 32));
}

/* The first non-empty bin at or above from, NBINS if there is none. */
static uint32_t find_bin(uint32_t from)
{
    for (uint32_t i = from / 32; i < MAP_WORDS; i++) {
        uint32_t bits = nonempty[i];
        if (i == from / 32)
            bits &= ~0u << (from % 32);
        if (bits)
            return i * 32 + (uint32_t)__builtin_ctz(bits);
    }
    return NBINS;
}

/* Takes a free block of at least need bytes off its list, 0 if none.  A
 * power-of-two bin holds sizes both below and above need, so its list is
 * searched first fit; every block in a higher bin fits. */
static uint32_t take_fit(uint32_t need)
{
    uint32_t bin = bin_of(need);
    if (bin >= SMALL_BINS) {
        for (uint32_t b = bins[bin]; b; b = next_free(b)) {
            if (size_of(b) >= need) {
                unlink_free(b);
                return b;
            }
        }
        bin++;
    }
    bin = find_bin(bin);
    if (bin == NBINS)
        return 0;
    uint32_t b = bins[bin];
    unlink_free(b);
    return b;
}

/* ---- merging and splitting ---------------------------------------------------- */

/* Merges free block b with a free block below it; returns the result. */
static uint32_t merge_below(uint32_t b)
{
    uint32_t below = prev_size(b);
    if (below == 0 || is_used(b - below))
        return b;
    uint32_t p = b - below;
    unlink_free(p);
    set_size(p, below + size_of(b));
    return p;
}

/* Merges free block b with a free block above it (a region's sentinel is
 * USED, so this never crosses a region's end). */
static void merge_above(uint32_t b)
{
    uint32_t above = b + size_of(b);
    if (is_used(above))
        return;
    unlink_free(above);
    set_size(b, size_of(b) + size_of(above));
}

/* Cuts b down to need bytes when the rest can be a block of its own. */
static void split(uint32_t b, uint32_t need)
{
    uint32_t size = size_of(b);
    if (size - need < MIN_BLOCK)
        return;
    uint32_t rest = b + need;
    set_size(b, need);
    word(rest + 4)[0] = 0;  /* free; its prev_size was set just above */
    set_size(rest, size - need);
    link_free(rest);
}

/* ---- growing ---------------------------------------------------------------- */

static _Noreturn void out_of_memory(uint32_t size)
{
    static const char head[] = "out of memory: memory.grow failed for "
                               "whamm's heap (allocating ";
    static const char tail[] = " bytes)";
    char msg[sizeof head + RT_FMT_MAX + sizeof tail];
    uint32_t n = 0;
    for (const char *s = head; *s; s++)
        msg[n++] = *s;
    n += (uint32_t)rt_fmt_u64(msg + n, size);
    for (const char *s = tail; *s; s++)
        msg[n++] = *s;
    whamm_rt_fail((const uint8_t *)msg, n);
}

/* Adds the n pages starting at page first to the heap: a free block that
 * is not on any list (the caller takes it), merged with a free block that
 * ended the newest region when the pages extend it. */
static uint32_t add_pages(uint32_t first, uint32_t n)
{
    uint64_t start = (uint64_t)first * RT_PAGE;
    uint64_t end = start + (uint64_t)n * RT_PAGE;
    if (end > HEAP_LIMIT)
        end = HEAP_LIMIT;
    uint32_t b = (uint32_t)start;
    if (last_end && start == (uint64_t)last_end + HDR) {
        b = last_end;  /* the old sentinel's header becomes this block's */
    } else {
        word(b)[0] = 0;  /* a new region: nothing below to merge with */
    }
    uint32_t size = (uint32_t)end - HDR - b;
    word(b + 4)[0] = size;
    last_end = b + size;
    word(last_end)[0] = size;
    word(last_end + 4)[0] = USED;  /* the sentinel: size 0 */
    return merge_below(b);
}

/* Grows the memory for a block of need bytes.  Small heaps grow ahead by
 * a quarter of their size (bounded), so a heap of n bytes costs O(log n)
 * memory.grow calls before it reaches the bound. */
static uint32_t grow(uint32_t need)
{
    uint32_t pages = (uint32_t)(((uint64_t)need + 2 * HDR + RT_PAGE - 1) /
                                RT_PAGE);
    uint32_t ahead = heap_pages / 4;
    if (ahead > MAX_EXTRA_PAGES)
        ahead = MAX_EXTRA_PAGES;
    uint32_t want = pages < ahead ? ahead : pages;
    uint32_t first = rt_grow_pages(want);
    if (first == RT_GROW_FAILED && want > pages) {
        want = pages;  /* growing ahead is optional; the block is not */
        first = rt_grow_pages(want);
    }
    if (first == RT_GROW_FAILED)
        out_of_memory(need - HDR);
    heap_pages += want;
    return add_pages(first, want);
}

/* ---- the interface ---------------------------------------------------------- */

uint8_t *whamm_rt_alloc(uint32_t size)
{
    if (size > MAX_REQUEST)
        out_of_memory(size);
    uint32_t need = (size + HDR + 7) & ~7u;
    if (need < MIN_BLOCK)
        need = MIN_BLOCK;
    uint32_t b = take_fit(need);
    if (!b)
        b = grow(need);
    split(b, need);
    word(b + 4)[0] |= USED;
    return rt_ptr(b + HDR);
}

void whamm_rt_free(uint8_t *p)
{
    static const char bad[] = "whamm_rt_free: not an allocated block";
    if (!p)
        return;
    uint32_t b = rt_addr(p) - HDR;
    /* a cheap guard against double frees and stray pointers: they would
     * corrupt every later allocation */
    if ((b & 7) || !is_used(b) || size_of(b) < MIN_BLOCK)
        whamm_rt_fail((const uint8_t *)bad, sizeof bad - 1);
    word(b + 4)[0] &= ~USED;
    merge_above(b);
    link_free(merge_below(b));
}

uint8_t *whamm_rt_str_keep(const uint8_t *s, uint32_t len)
{
    uint8_t *p = whamm_rt_alloc(len);
    for (uint32_t i = 0; i < len; i++)
        p[i] = s[i];
    return p;
}
