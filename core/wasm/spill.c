/* spill.c -- committed bodies in a mapped temporary file (spill.h). */
#define _DEFAULT_SOURCE /* madvise */
#define _POSIX_C_SOURCE 200809L
#include "spill.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum {
    CHUNK = 32 << 20,      /* address space mapped at a time */
    DROP_EVERY = 1 << 20,  /* pages are handed back this many at a time */
};

size_t wspill_threshold = 1 << 20;

typedef struct {
    uint8_t *base;
    size_t len;
} SpillChunk;

/* Bodies read for the last time, not handed back yet: the span they lie
 * in, and their bytes. */
typedef struct {
    const uint8_t *lo, *hi;
    size_t bytes;
} ReadSpan;

/* A committed body's function sites (wspill_set_sites). */
typedef struct {
    const uint8_t *body;   /* the body they are for */
    const uint32_t *v;     /* NULL: not known */
    uint32_t n;
} SiteList;

struct WasmSpill {
    int fd;                /* -1: none yet, or none to be had */
    bool failed;           /* bodies go to the arena from now on */
    size_t kept;           /* bytes stored in the arena */
    uint64_t file_len;     /* bytes of file reserved */
    VEC(SpillChunk) chunks;
    size_t used;           /* bytes used in the last chunk */
    size_t dropped;        /* its bytes whose pages were handed back */
    ReadSpan input, spilled;  /* old bodies: in m->bytes, in the file */
    VEC(SiteList) sites;   /* per function, for those committed */
};

static size_t page_size(void)
{
    static size_t page;
    if (!page) {
        long p = sysconf(_SC_PAGESIZE);
        page = p > 0 ? (size_t)p : 4096;
    }
    return page;
}

/* An unlinked file in $TMPDIR (or /tmp). */
static int open_spill_file(void)
{
    return file_open_unlinked(".whamm-bodies-");
}

/* A new chunk of at least len bytes, its file space reserved (a full disk
 * is an error here rather than a SIGBUS when the pages are written). */
static bool add_chunk(WasmSpill *s, size_t len)
{
    size_t page = page_size();
    size_t size = len > CHUNK ? (len + page - 1) / page * page : CHUNK;
    if (s->fd < 0)
        s->fd = open_spill_file();
    if (s->fd < 0 || posix_fallocate(s->fd, (off_t)s->file_len,
                                     (off_t)size) != 0)
        return false;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd,
                   (off_t)s->file_len);
    if (p == MAP_FAILED)
        return false;
    s->file_len += size;
    SpillChunk c = {p, size};
    vec_push(s->chunks, c);
    s->used = 0;
    s->dropped = 0;
    return true;
}

/* Hands back the whole pages of the last chunk behind its end. */
static void drop_behind(WasmSpill *s)
{
    SpillChunk *c = &s->chunks.v[s->chunks.n - 1];
    size_t upto = s->used / page_size() * page_size();
    if (upto > s->dropped) {
        madvise(c->base + s->dropped, upto - s->dropped, MADV_DONTNEED);
        s->dropped = upto;
    }
}

static WasmSpill *spill_of(WasmModule *m)
{
    if (!m->spill) {
        m->spill = xcalloc(1, sizeof *m->spill);
        m->spill->fd = -1;
    }
    return m->spill;
}

const uint8_t *wspill_store(WasmModule *m, const uint8_t *body, size_t len)
{
    WasmSpill *s = spill_of(m);
    bool spill = len > 0 && !s->failed && s->kept + len > wspill_threshold;
    if (spill && !(s->chunks.n && s->chunks.v[s->chunks.n - 1].len -
                                  s->used >= len))
        spill = add_chunk(s, len);
    if (!spill) {
        s->failed |= len > 0 && s->kept + len > wspill_threshold;
        s->kept += len;
        return arena_dup(&m->arena, body, len);
    }
    SpillChunk *c = &s->chunks.v[s->chunks.n - 1];
    uint8_t *at = c->base + s->used;
    memcpy(at, body, len);
    s->used += len;
    if (s->used - s->dropped >= DROP_EVERY)
        drop_behind(s);
    return at;
}

/* The whole pages of the span that lie in a chunk. */
static void release_spilled(const WasmSpill *s, const uint8_t *lo,
                            const uint8_t *hi)
{
    uintptr_t page = page_size();
    for (uint32_t i = 0; i < s->chunks.n; i++) {
        const uint8_t *b = s->chunks.v[i].base, *e = b + s->chunks.v[i].len;
        uintptr_t from = (uintptr_t)(lo > b ? lo : b);
        uintptr_t to = (uintptr_t)(hi < e ? hi : e);
        from = (from + page - 1) & ~(page - 1);
        to &= ~(page - 1);
        if (to > from)
            madvise((void *)from, to - from, MADV_DONTNEED);
    }
}

static bool in_spill(const WasmSpill *s, const uint8_t *p)
{
    for (uint32_t i = 0; i < s->chunks.n; i++)
        if (p >= s->chunks.v[i].base &&
            p < s->chunks.v[i].base + s->chunks.v[i].len)
            return true;
    return false;
}

static bool add_to_span(ReadSpan *r, const uint8_t *p, size_t len)
{
    if (!r->lo || p < r->lo)
        r->lo = p;
    if (!r->hi || p + len > r->hi)
        r->hi = p + len;
    r->bytes += len;
    return r->bytes >= DROP_EVERY;
}

void wspill_read_done(WasmModule *m, const uint8_t *body, size_t len)
{
    WasmSpill *s = spill_of(m);
    if (body >= m->bytes && body < m->bytes + m->len) {
        if (add_to_span(&s->input, body, len)) {
            file_release_range(s->input.lo,
                               (size_t)(s->input.hi - s->input.lo));
            memset(&s->input, 0, sizeof s->input);
        }
    } else if (in_spill(s, body) && add_to_span(&s->spilled, body, len)) {
        release_spilled(s, s->spilled.lo, s->spilled.hi);
        memset(&s->spilled, 0, sizeof s->spilled);
    }
}

void wspill_release(const WasmModule *m)
{
    const WasmSpill *s = m->spill;
    if (!s)
        return;
    for (uint32_t i = 0; i < s->chunks.n; i++)
        madvise(s->chunks.v[i].base, s->chunks.v[i].len, MADV_DONTNEED);
}

void wspill_free(WasmModule *m)
{
    WasmSpill *s = m->spill;
    if (!s)
        return;
    for (uint32_t i = 0; i < s->chunks.n; i++)
        munmap(s->chunks.v[i].base, s->chunks.v[i].len);
    vec_free(s->chunks);
    vec_free(s->sites);
    if (s->fd >= 0)
        close(s->fd);
    free(s);
    m->spill = NULL;
}

void wspill_set_sites(WasmModule *m, uint32_t func, const uint8_t *body,
                      const uint32_t *sites, uint32_t n)
{
    WasmSpill *s = spill_of(m);
    if (func >= s->sites.n && !sites)
        return; /* nothing known before either */
    if (func >= s->sites.cap) {
        uint32_t cap = s->sites.cap ? s->sites.cap : 64;
        while (cap <= func)
            cap *= 2;
        s->sites.v = xrealloc(s->sites.v, sizeof *s->sites.v * cap);
        s->sites.cap = cap;
    }
    if (func >= s->sites.n) {
        memset(s->sites.v + s->sites.n, 0,
               sizeof *s->sites.v * (func + 1 - s->sites.n));
        s->sites.n = func + 1;
    }
    /* (an earlier list stays in the arena: a body is seldom committed
     * twice) */
    static const uint32_t none[1];
    SiteList *l = &s->sites.v[func];
    l->body = body;
    l->v = !sites ? NULL
         : n ? arena_dup(&m->arena, sites, sizeof *sites * n) : none;
    l->n = sites ? n : 0;
}

const uint32_t *wspill_sites(const WasmModule *m, uint32_t func,
                             const uint8_t *body, uint32_t *n)
{
    const WasmSpill *s = m->spill;
    if (!s || func >= s->sites.n || s->sites.v[func].body != body)
        return NULL;
    *n = s->sites.v[func].n;
    return s->sites.v[func].v;
}
