/* mem.h -- addresses of the runtime's memory (internal to core/runtime).
 *
 * In the Wasm build an address is a pointer: the runtime's memory 0 is
 * whamm's state memory, and new pages come from
 * memory.grow.  Headers, tables and map entries store u32 addresses, so
 * the code converts at the edges with rt_ptr/rt_addr.
 *
 * Built natively with WHAMM_RT_NATIVE (tests/runtime), a u32 is not a
 * pointer: the memory is simulated by a region the test owns, addresses
 * are offsets into it, and growing hands out its next pages.  The test
 * keeps at least one page at the bottom for its own data, so address 0
 * stays unused and 0 still means NULL. */
#ifndef WHAMM_RT_MEM_H
#define WHAMM_RT_MEM_H

#include <stddef.h>
#include <stdint.h>

#define RT_PAGE 65536u           /* Wasm page size */
#define RT_GROW_FAILED 0xFFFFFFFFu

#ifdef WHAMM_RT_NATIVE

typedef struct {
    uint8_t *base;       /* max_pages * RT_PAGE bytes, owned by the test */
    uint32_t pages;      /* current size: what memory.size would say */
    uint32_t max_pages;  /* growing past this fails, like a memory's max */
} WhammRtNativeMem;

/* Defined by the test program. */
extern WhammRtNativeMem whamm_rt_native_mem;

static inline void *rt_ptr(uint32_t addr)
{
    return addr ? whamm_rt_native_mem.base + addr : NULL;
}

static inline uint32_t rt_addr(const void *p)
{
    return p ? (uint32_t)((const uint8_t *)p - whamm_rt_native_mem.base) : 0;
}

/* memory.grow: the old size in pages, or RT_GROW_FAILED. */
static inline uint32_t rt_grow_pages(uint32_t n)
{
    WhammRtNativeMem *m = &whamm_rt_native_mem;
    if (n > m->max_pages - m->pages)
        return RT_GROW_FAILED;
    uint32_t old = m->pages;
    m->pages += n;
    return old;
}

#else

static inline void *rt_ptr(uint32_t addr)
{
    return (void *)(uintptr_t)addr;
}

static inline uint32_t rt_addr(const void *p)
{
    return (uint32_t)(uintptr_t)p;
}

static inline uint32_t rt_grow_pages(uint32_t n)
{
    return (uint32_t)__builtin_wasm_memory_grow(0, n);
}

#endif

#endif
