/* arena.c -- bump allocation for objects that share one lifetime (a decoded
 * module, a function being rewritten).  Freed all at once; never per object. */
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_MIN_CHUNK (64 * 1024)

struct ArenaChunk {
    ArenaChunk *next;     /* older chunk */
    size_t size;          /* usable bytes in data */
    _Alignas(16) unsigned char data[];
};

void arena_init(Arena *a) { memset(a, 0, sizeof *a); }

void arena_fini(Arena *a)
{
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    memset(a, 0, sizeof *a);
}

void arena_reset(Arena *a)
{
    /* Keep the newest chunk: per-function arenas reuse it every time. */
    if (a->head) {
        ArenaChunk *c = a->head->next;
        while (c) {
            ArenaChunk *next = c->next;
            free(c);
            c = next;
        }
        a->head->next = NULL;
    }
    a->used = 0;
    a->total = 0;
}

static void new_chunk(Arena *a, size_t need)
{
    size_t size = need > ARENA_MIN_CHUNK ? need : ARENA_MIN_CHUNK;
    if (a->head && a->head->size * 2 > size && a->head->size < (64u << 20))
        size = a->head->size * 2;
    ArenaChunk *c = xmalloc(sizeof *c + size);
    c->size = size;
    c->next = a->head;
    a->head = c;
    a->used = 0;
}

/* n bytes at a multiple of align (a power of two, at most ARENA_ALIGN)
 * in the newest chunk, or at the start of a new one. */
static void *bump(Arena *a, size_t n, size_t align)
{
    if (n > SIZE_MAX - ARENA_ALIGN) /* overflow */
        die_out_of_memory(n);
    size_t at = a->head ? (a->used + align - 1) & ~(align - 1) : 0;
    if (!a->head || at > a->head->size || a->head->size - at < n) {
        new_chunk(a, n);
        at = 0;
    }
    a->total += at - a->used + n;
    a->used = at + n;
    return a->head->data + at;
}

void *arena_alloc_raw(Arena *a, size_t n)
{
    /* whole units of ARENA_ALIGN, as every aligned allocation takes */
    if (n > SIZE_MAX - ARENA_ALIGN)
        die_out_of_memory(n);
    return bump(a, (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1),
                ARENA_ALIGN);
}

void *arena_dup_bytes(Arena *a, const void *p, size_t n)
{
    void *q = bump(a, n, 1);
    if (n)
        memcpy(q, p, n);
    return q;
}

void *arena_alloc(Arena *a, size_t n)
{
    void *p = arena_alloc_raw(a, n);
    memset(p, 0, n);
    return p;
}

void *arena_dup(Arena *a, const void *p, size_t n)
{
    void *q = arena_alloc_raw(a, n); /* every byte is written next */
    if (n)
        memcpy(q, p, n);
    return q;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *q = arena_alloc(a, n + 1);
    if (n) /* an empty string may come as (NULL, 0) */
        memcpy(q, s, n);
    q[n] = '\0';
    return q;
}
