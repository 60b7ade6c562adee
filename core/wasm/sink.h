/* sink.h -- where the writer's bytes go (write.c): a growable buffer that
 * holds the whole output, or a file written through a bounded buffer.
 *
 * Section sizes are exact LEBs written ahead of their contents, which are
 * not known yet: a section reserves as many size bytes as its hint needs,
 * and wsink_end_section fills them in.  When the size turns out to need
 * another length, the contents move: in the buffer (cheap), or in the
 * file when part of the section was flushed already (rare: the hint is
 * the section's size in the input, so only a size crossing an LEB length
 * boundary moves anything). */
#ifndef WHAMM_WASM_SINK_H
#define WHAMM_WASM_SINK_H

#include "../util/util.h"

typedef struct {
    Buf *buf;             /* pending bytes: the whole output in memory */
    Buf own;              /* file mode: the bounded buffer */
    FileOut *file;        /* NULL: memory mode */
    uint64_t flushed;     /* output offset of buf->data[0] (file mode) */
    size_t limit;         /* file mode: flush when the buffer holds this */
    uint64_t sec_at;      /* output offset of the open section's size */
    uint8_t sec_len;      /* bytes reserved for it */
    bool sec_open;
    bool moved;           /* contents moved left in the file: truncate */
} WSink;

/* The output is appended to out. */
void wsink_init_memory(WSink *s, Buf *out);
/* The output goes to f from offset 0 through a buffer of limit bytes. */
void wsink_init_file(WSink *s, FileOut *f, size_t limit);
void wsink_fini(WSink *s);

/* The output offset of the next byte. */
uint64_t wsink_pos(const WSink *s);
/* Appends n bytes; a large piece is written straight from p. */
void wsink_put(WSink *s, const void *p, size_t n);
/* Flushes when the buffer is full: call between entries, after appending
 * to s->buf directly. */
void wsink_maybe_flush(WSink *s);

/* Opens a section (one at a time): the id byte and room for its size;
 * hint: the expected size of its contents (0: unknown). */
void wsink_begin_section(WSink *s, uint8_t id, uint64_t hint);
/* Writes the size of the open section, moving its contents if needed. */
void wsink_end_section(WSink *s);
/* Writes what is pending; false if any write failed (file->errnum). */
bool wsink_finish(WSink *s);

#endif
