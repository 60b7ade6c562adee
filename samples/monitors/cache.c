/* cache.c -- the user library of samples/monitors/cache.mm: a
 * set-associative cache model with LRU replacement (ways = 1 makes it
 * direct-mapped).  Loads and stores are treated alike (write-allocate): an
 * access hits when every line it touches is in the cache; every line it
 * misses is brought in, evicting the least recently used line of its set.
 * Built as a WebAssembly reactor and merged into the app by whamm
 * (whamm_instrument(... LIBS cache=cache), docs/libraries.md). */
#include <stdint.h>

#define MAX_SETS 4096
#define MAX_WAYS 16

static uint32_t line_shift = 6;        /* log2 of the line size */
static uint32_t nsets = 64, nways = 8; /* the default: 32 KiB, 8-way */
static uint32_t tag[MAX_SETS][MAX_WAYS];
static uint64_t last_use[MAX_SETS][MAX_WAYS]; /* 0: the way is empty */
static uint64_t clock;
static uint64_t nhits, nmisses;

static int is_pow2(uint32_t x) { return x && !(x & (x - 1)); }

/* Sets the geometry: line size in bytes, number of sets, ways per set
 * (each a power of two but ways; at most MAX_SETS sets and MAX_WAYS
 * ways) and empties the cache.  Returns 0, or -1 (geometry unchanged) when
 * the arguments are out of range. */
__attribute__((export_name("configure")))
int configure(int line_bytes, int sets, int ways)
{
    if (!is_pow2((uint32_t)line_bytes) || !is_pow2((uint32_t)sets) ||
        sets > MAX_SETS || ways < 1 || ways > MAX_WAYS)
        return -1;
    line_shift = (uint32_t)__builtin_ctz((uint32_t)line_bytes);
    nsets = (uint32_t)sets;
    nways = (uint32_t)ways;
    for (uint32_t s = 0; s < MAX_SETS; s++)
        for (uint32_t w = 0; w < MAX_WAYS; w++)
            last_use[s][w] = 0;
    clock = nhits = nmisses = 0;
    return 0;
}

/* Looks line number `line` up; brings it in on a miss.  1 on a hit. */
static int touch_line(uint32_t line)
{
    uint32_t set = line & (nsets - 1), t = line / nsets, victim = 0;
    clock++;
    for (uint32_t w = 0; w < nways; w++) {
        if (last_use[set][w] && tag[set][w] == t) {
            last_use[set][w] = clock;
            return 1;
        }
        if (last_use[set][w] < last_use[set][victim])
            victim = w;
    }
    tag[set][victim] = t;
    last_use[set][victim] = clock;
    return 0;
}

/* One access of `size` bytes at `addr`: 1 when it hits, 0 when it misses
 * (any line of it). */
__attribute__((export_name("access")))
int access(int addr, int size)
{
    uint32_t first = (uint32_t)addr >> line_shift;
    uint32_t last = ((uint32_t)addr + (uint32_t)(size > 0 ? size - 1 : 0)) >> line_shift;
    int hit = 1;
    for (uint32_t line = first;; line++) {
        hit &= touch_line(line);
        if (line == last)
            break;
    }
    if (hit)
        nhits++;
    else
        nmisses++;
    return hit;
}

__attribute__((export_name("hits"))) uint64_t hits(void) { return nhits; }
__attribute__((export_name("misses"))) uint64_t misses(void) { return nmisses; }
