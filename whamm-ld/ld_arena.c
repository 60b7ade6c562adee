/* ld_arena.c -- writes the relocatable Wasm object that reserves the
 * instrumentation arena in the app's memory (docs/integration.md "The arena").
 *
 * The object is what `clang --target=wasm32-wasi -c` makes of
 *     _Alignas(16) unsigned char __whamm_arena[N];
 * written directly (no compiler needed at link time, works for LD=whamm-ld):
 *   import  env.__linear_memory (memory, min = pages of N)
 *   data    one segment ".bss.__whamm_arena": N zero bytes at offset 0
 *   linking version 2: a DATA symbol __whamm_arena (segment 0, offset 0,
 *           size N, binding global, default visibility) and the segment
 *           info (p2align 4 = 16-byte alignment, flags 0).
 * wasm-ld places ".bss.*" segments in the zero-initialised area (no bytes
 * in the output), and `--export=__whamm_arena` turns the data symbol into
 * an exported immutable i32 global holding the arena's address (checked
 * with wasm-ld 14, docs/integration.md).  Spec of the object format:
 * WebAssembly/tool-conventions Linking.md.
 */
#include "ld.h"

#include "wasm/wasm.h"

#include <stdio.h>
#include <string.h>

enum {
    SEC_CUSTOM = 0, SEC_IMPORT = 2, SEC_DATA = 11,
    LINK_VERSION = 2, LINK_SEGMENT_INFO = 5, LINK_SYMBOL_TABLE = 8,
    SYM_KIND_DATA = 1, EXT_MEMORY = 2, ARENA_P2ALIGN = 4,
};

static void put_section(Buf *out, uint8_t id, const Buf *payload,
                        size_t extra)
{
    buf_push(out, id);
    wenc_u32(out, (uint32_t)(payload->len + extra));
    buf_append(out, payload->data, payload->len);
}

static void put_subsection(Buf *out, uint8_t type, const Buf *payload)
{
    buf_push(out, type);
    wenc_u32(out, (uint32_t)payload->len);
    buf_append(out, payload->data, payload->len);
}

/* Magic, version and the memory import. */
static void put_head(Buf *out, uint32_t size)
{
    static const uint8_t magic[] = {0, 'a', 's', 'm', 1, 0, 0, 0};
    buf_append(out, magic, sizeof magic);
    Buf p;
    buf_init(&p);
    wenc_u32(&p, 1);
    wenc_name(&p, "env", 3);
    wenc_name(&p, "__linear_memory", 15);
    buf_push(&p, EXT_MEMORY);
    buf_push(&p, 0);                             /* limits: min only */
    wenc_u32(&p, (uint32_t)((size + 65535u) / 65536u));
    put_section(out, SEC_IMPORT, &p, 0);
    buf_fini(&p);
}

/* The data section up to (not including) the N zero bytes. */
static void put_data_head(Buf *out, uint32_t size)
{
    Buf p;
    buf_init(&p);
    wenc_u32(&p, 1);                             /* one segment */
    buf_push(&p, 0);                             /* active, memory 0 */
    static const uint8_t at0[] = {0x41, 0x00, 0x0B};  /* i32.const 0 end */
    buf_append(&p, at0, sizeof at0);
    wenc_u32(&p, size);
    put_section(out, SEC_DATA, &p, size);
    buf_fini(&p);
}

static void put_linking(Buf *out, uint32_t size)
{
    Buf p, sub;
    buf_init(&p);
    buf_init(&sub);
    wenc_name(&p, "linking", 7);
    wenc_u32(&p, LINK_VERSION);
    wenc_u32(&sub, 1);                           /* one symbol */
    buf_push(&sub, SYM_KIND_DATA);
    wenc_u32(&sub, 0);                           /* flags */
    wenc_name(&sub, LD_ARENA_SYMBOL, strlen(LD_ARENA_SYMBOL));
    wenc_u32(&sub, 0);                           /* segment */
    wenc_u32(&sub, 0);                           /* offset */
    wenc_u32(&sub, size);
    put_subsection(&p, LINK_SYMBOL_TABLE, &sub);
    sub.len = 0;
    wenc_u32(&sub, 1);                           /* one segment */
    static const char seg[] = ".bss." LD_ARENA_SYMBOL;
    wenc_name(&sub, seg, sizeof seg - 1);
    wenc_u32(&sub, ARENA_P2ALIGN);
    wenc_u32(&sub, 0);
    put_subsection(&p, LINK_SEGMENT_INFO, &sub);
    put_section(out, SEC_CUSTOM, &p, 0);
    buf_fini(&sub);
    buf_fini(&p);
}

static bool write_zeros(FILE *f, size_t n)
{
    static const uint8_t zeros[65536];
    while (n > 0) {
        size_t k = n < sizeof zeros ? n : sizeof zeros;
        if (fwrite(zeros, 1, k, f) != k)
            return false;
        n -= k;
    }
    return true;
}

bool ld_write_arena_object(const char *path, size_t size)
{
    if (size == 0 || size > LD_ARENA_MAX)
        return false;
    Buf head, tail;
    buf_init(&head);
    buf_init(&tail);
    put_head(&head, (uint32_t)size);
    put_data_head(&head, (uint32_t)size);
    put_linking(&tail, (uint32_t)size);
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(head.data, 1, head.len, f) == head.len &&
              write_zeros(f, size) &&
              fwrite(tail.data, 1, tail.len, f) == tail.len;
    if (f && fclose(f) != 0)
        ok = false;
    buf_fini(&head);
    buf_fini(&tail);
    return ok;
}
