/* sink.c -- the writer's output: in memory, or streamed to a file through
 * a bounded buffer with section sizes filled in afterwards (sink.h). */
#include "sink.h"
#include "wasm.h"

#include <string.h>

enum { DEFAULT_LIMIT = 1 << 20 };

void wsink_init_memory(WSink *s, Buf *out)
{
    memset(s, 0, sizeof *s);
    s->buf = out;
    s->limit = SIZE_MAX;
}

void wsink_init_file(WSink *s, FileOut *f, size_t limit)
{
    memset(s, 0, sizeof *s);
    buf_init(&s->own);
    s->buf = &s->own;
    s->file = f;
    s->limit = limit ? limit : DEFAULT_LIMIT;
    buf_reserve(&s->own, s->limit);
}

void wsink_fini(WSink *s)
{
    if (s->file)
        buf_fini(&s->own);
    memset(s, 0, sizeof *s);
}

uint64_t wsink_pos(const WSink *s)
{
    return s->flushed + s->buf->len;
}

static void flush(WSink *s)
{
    if (!s->file || s->buf->len == 0)
        return;
    file_out_write_at(s->file, s->buf->data, s->buf->len, s->flushed);
    s->flushed += s->buf->len;
    s->buf->len = 0;
}

void wsink_maybe_flush(WSink *s)
{
    if (s->file && s->buf->len >= s->limit)
        flush(s);
}

void wsink_put(WSink *s, const void *p, size_t n)
{
    if (!s->file) {
        buf_append(s->buf, p, n);
        return;
    }
    if (n >= s->limit / 4) { /* gathered with what is pending, not copied */
        file_out_write2_at(s->file, s->buf->data, s->buf->len, p, n,
                           s->flushed);
        s->flushed += s->buf->len + n;
        s->buf->len = 0;
        return;
    }
    if (s->buf->len + n > s->limit)
        flush(s);
    buf_append(s->buf, p, n);
}

void wsink_begin_section(WSink *s, uint8_t id, uint64_t hint)
{
    static const uint8_t zeros[10];
    buf_push(s->buf, id);
    s->sec_at = wsink_pos(s);
    s->sec_len = (uint8_t)wenc_u64_len(hint);
    buf_append(s->buf, zeros, s->sec_len);
    s->sec_open = true;
}

/* Moves the size bytes at from (all in the file) by delta, through the
 * buffer, in the order that never overwrites what is still to move. */
static void move_in_file(WSink *s, uint64_t from, uint64_t size, int delta)
{
    flush(s);
    uint8_t *chunk = s->buf->data;
    size_t cap = s->buf->cap;
    if (delta < 0) {
        for (uint64_t off = 0; off < size;) {
            size_t k = size - off < cap ? (size_t)(size - off) : cap;
            file_out_read_at(s->file, chunk, k, from + off);
            file_out_write_at(s->file, chunk, k, from + off - (uint64_t)-delta);
            off += k;
        }
        s->moved = true;
    } else {
        for (uint64_t off = size; off > 0;) {
            size_t k = off < cap ? (size_t)off : cap;
            off -= k;
            file_out_read_at(s->file, chunk, k, from + off);
            file_out_write_at(s->file, chunk, k, from + off + (uint64_t)delta);
        }
    }
    s->flushed = s->flushed + (uint64_t)(int64_t)delta;
}

void wsink_end_section(WSink *s)
{
    uint64_t contents = s->sec_at + s->sec_len;
    uint64_t size = wsink_pos(s) - contents;
    uint8_t leb[10];
    uint8_t need = (uint8_t)wenc_u64_to(leb, size);
    int delta = (int)need - (int)s->sec_len;
    if (s->sec_at >= s->flushed) { /* all of it is in the buffer */
        size_t at = (size_t)(s->sec_at - s->flushed);
        if (delta > 0)
            buf_reserve(s->buf, (size_t)delta);
        if (delta != 0)
            memmove(s->buf->data + at + need, s->buf->data + at + s->sec_len,
                    (size_t)size);
        s->buf->len = (size_t)((int64_t)s->buf->len + delta);
        memcpy(s->buf->data + at, leb, need);
    } else {
        if (delta != 0)
            move_in_file(s, contents, size, delta);
        file_out_write_at(s->file, leb, need, s->sec_at);
    }
    s->sec_open = false;
}

bool wsink_finish(WSink *s)
{
    if (!s->file)
        return true;
    flush(s);
    if (s->moved)
        file_out_truncate(s->file, s->flushed);
    return s->file->errnum == 0;
}
