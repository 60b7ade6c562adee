/* util.h -- the small toolbox every other module of libwhamm stands on:
 * checked allocation, arenas, growable byte buffers, zero regions, typed
 * vectors and whole-file I/O with atomic replacement (temp file + rename).
 */
#ifndef WHAMM_UTIL_H
#define WHAMM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WHAMM_NODISCARD __attribute__((warn_unused_result))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation ------------------------------------------------------ */
/* All heap allocation goes through these.  On exhaustion they print a
 * message and abort: a half-built module is never written. */
_Noreturn void die_out_of_memory(size_t n);
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* From now on a large block (128 KB or more) has a mapping of its own,
 * unmapped when it is freed: freed memory leaves the resident set.  The
 * CLI calls it first thing (a no-op outside glibc). */
void alloc_unmap_large_blocks(void);

/* ---- arenas ---------------------------------------------------------- */
typedef struct ArenaChunk ArenaChunk;
typedef struct {
    ArenaChunk *head;     /* newest chunk; older ones are linked behind it */
    size_t used;          /* bytes used in head */
    size_t total;         /* bytes handed out since the last reset */
} Arena;

void arena_init(Arena *a);
void arena_fini(Arena *a);
void arena_reset(Arena *a);                /* keeps one chunk for reuse */
void *arena_alloc(Arena *a, size_t n);     /* zeroed, 16-byte aligned */
void *arena_alloc_raw(Arena *a, size_t n); /* the same, not zeroed */
void *arena_dup(Arena *a, const void *p, size_t n);
/* The same for bytes (no alignment: a short string costs its length, not
 * 16 bytes). */
void *arena_dup_bytes(Arena *a, const void *p, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);

/* ---- growable byte buffer -------------------------------------------- */
typedef struct {
    uint8_t *data;
    size_t len;
    size_t cap;
} Buf;

void buf_init(Buf *b);
void buf_fini(Buf *b);
void buf_reserve(Buf *b, size_t extra);
void buf_push(Buf *b, uint8_t byte);
void buf_append(Buf *b, const void *p, size_t n);
void buf_printf(Buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- zero regions ----------------------------------------------------- */
/* Bytes that grow in place and start zeroed, for a large, mostly-zero
 * image: one anonymous mapping reserved once for `max` bytes and opened
 * as the region grows, so growing never copies, the bytes never move,
 * and pages never written cost no resident memory (reading them is free
 * too: they all map the kernel's zero page).  Where the mapping cannot be
 * made (or max is more than one can reserve: SIZE_MAX), a heap block
 * grown with realloc and zeroed by hand instead (it may move then).  Not
 * a Buf: the buf_* functions must not touch it. */
typedef struct {
    uint8_t *data;  /* NULL until the region first grows */
    size_t len;     /* bytes in use */
    size_t cap;     /* bytes usable without growing the block */
    size_t max;     /* len never exceeds it */
} ZeroRegion;

void zregion_init(ZeroRegion *z, size_t max);
/* Appends n zero bytes; returns their offset.  Past max, or when memory
 * is exhausted, it dies like xmalloc. */
size_t zregion_grow(ZeroRegion *z, size_t n);
/* Hands the block over (NULL if it never grew), to be released with
 * zregion_block_free; z keeps its len, for the record, and must not grow
 * again. */
void *zregion_take(ZeroRegion *z);
void zregion_block_free(void *block);
void zregion_fini(ZeroRegion *z);

/* ---- typed vectors (w2c2 style) -------------------------------------- */
/* VEC(T) declares an anonymous {T *v; uint32_t n, cap;}.  vec_push grows
 * geometrically; the element count is bounded by UINT32_MAX by design. */
#define VEC(T) struct { T *v; uint32_t n, cap; }
#define vec_push(vec, x)                                                   \
    do {                                                                   \
        if ((vec).n == (vec).cap) {                                        \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 8;                     \
            (vec).v = xrealloc((vec).v, sizeof(*(vec).v) * (vec).cap);     \
        }                                                                  \
        (vec).v[(vec).n++] = (x);                                          \
    } while (0)
#define vec_free(vec) (free((vec).v), (vec).v = NULL, (vec).n = (vec).cap = 0)
/* The same for a VEC whose storage lives in an arena (never freed one by
 * one: old copies stay in the arena).  Safe across the parser's longjmp
 * and tidy under LeakSanitizer. */
#define avec_push(arena, vec, x)                                           \
    do {                                                                   \
        if ((vec).n == (vec).cap) {                                        \
            uint32_t nc_ = (vec).cap ? (vec).cap * 2 : 8;                  \
            void *nv_ = arena_alloc((arena), sizeof *(vec).v * nc_);       \
            if ((vec).n)                                                   \
                memcpy(nv_, (vec).v, sizeof *(vec).v * (vec).n);           \
            (vec).v = nv_;                                                 \
            (vec).cap = nc_;                                               \
        }                                                                  \
        (vec).v[(vec).n++] = (x);                                          \
    } while (0)

/* ---- text ------------------------------------------------------------ */
/* Levenshtein distance for "did you mean" hints; 99 when either string is
 * over 40 characters (no useful hint there). */
unsigned str_edit_distance(const char *a, const char *b, bool ignore_case);

/* ---- files ----------------------------------------------------------- */
/* Reads a whole file.  On failure returns false and fills err (a message
 * naming the path and the OS error). */
WHAMM_NODISCARD bool file_read_all(const char *path, Buf *out,
                                   char *err, size_t errlen);
/* A read-only view of a whole file: mapped when possible (large inputs
 * are not copied), read into memory otherwise (pipes, empty files). */
typedef struct {
    const uint8_t *data;
    size_t len;
    bool mapped;          /* munmap on release, else free */
} FileView;

WHAMM_NODISCARD bool file_view_open(const char *path, FileView *out,
                                    char *err, size_t errlen);
void file_view_close(FileView *v);
/* Hands a mapped view's pages back to the page cache: they leave the
 * resident memory, and reading them again maps them back (the file is
 * read again if they were evicted).  Nothing for a view read into
 * memory. */
void file_view_release(const FileView *v);
/* The same for the whole pages inside [p, p+n), when they lie in a
 * mapped view still open; nothing otherwise. */
void file_release_range(const void *p, size_t n);
/* Writes data to a temporary file beside path, then renames it over path,
 * so a failed run never leaves a half-written output.  As cp does: a
 * symlink at path is followed (the file it names is replaced, the link
 * stays), an existing file keeps its mode, and a device, FIFO or socket
 * is written to directly. */
WHAMM_NODISCARD bool file_write_atomic(const char *path, const void *data,
                                       size_t len, char *err, size_t errlen);
/* An output file written in pieces, at any offset, then put in place at
 * once: the bytes go to a temporary file beside path, renamed over path
 * on commit, as file_write_atomic does (same symlink and mode rules).  A
 * device, FIFO or socket at path gets them through an unlinked temporary
 * file, copied to it on commit.  Writes record the first error; commit
 * reports it, and abort (or a failed commit) leaves no file behind. */
typedef struct {
    int fd;               /* the temporary file */
    char *path;           /* as given, for messages */
    char *target;         /* where the bytes go (a symlink followed) */
    char *tmp;            /* the temp file's name; NULL when unlinked */
    int errnum;           /* the first failed write's errno, or 0 */
    uint64_t len;         /* bytes in the file */
} FileOut;

/* $TMPDIR, or /tmp when it is unset or empty. */
const char *file_temp_dir(void);
/* A new file in file_temp_dir() named PREFIX + six random characters,
 * unlinked at once (it goes away with its last descriptor); -1 with errno
 * on failure. */
int file_open_unlinked(const char *prefix);

WHAMM_NODISCARD bool file_out_open(FileOut *f, const char *path, char *err,
                                   size_t errlen);
/* Writes all n bytes at offset off (false, and errnum set, on failure). */
bool file_out_write_at(FileOut *f, const void *p, size_t n, uint64_t off);
/* The same for two pieces one after the other (either may be empty). */
bool file_out_write2_at(FileOut *f, const void *a, size_t alen,
                        const void *b, size_t blen, uint64_t off);
/* Reads back n bytes at off (the writer moving what it wrote). */
bool file_out_read_at(FileOut *f, void *p, size_t n, uint64_t off);
/* Makes the file len bytes long. */
bool file_out_truncate(FileOut *f, uint64_t len);
/* Puts the file in place; false (with a message naming the path, and no
 * file left) if any write failed or the rename does. */
WHAMM_NODISCARD bool file_out_commit(FileOut *f, char *err, size_t errlen);
/* Drops the temporary file: nothing is written. */
void file_out_abort(FileOut *f);
/* Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the temp
 * file of a file_write_atomic or FileOut in progress, then let the signal
 * kill the process as it would have (a program opts in: the library
 * installs no handler by itself).  A signal ignored at the call stays ignored. */
void file_cleanup_on_signals(void);

#endif
