/* file.c -- whole-file reads and atomic writes (temp file + rename, in
 * one piece or in many: FileOut), and the removal of that temp file when
 * a signal interrupts the write. */
#define _DEFAULT_SOURCE /* madvise */
#define _POSIX_C_SOURCE 200809L
#include "util.h"
#include "sig.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

bool file_read_all(const char *path, Buf *out, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        buf_reserve(out, (size_t)st.st_size + 1);
    for (;;) {
        buf_reserve(out, 65536);
        ssize_t n = read(fd, out->data + out->len, out->cap - out->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(err, errlen, "cannot read '%s': %s", path,
                     strerror(errno));
            close(fd);
            return false;
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
    }
    close(fd);
    return true;
}

/* The mapped views open now, so that a range can be handed back only
 * when it lies in one (madvise on other memory would lose its bytes). */
static struct {
    const uint8_t *data;
    size_t len;
} live_views[16];

static void note_view(const FileView *v, bool open)
{
    for (size_t i = 0; i < ARRAY_LEN(live_views); i++) {
        if (open ? live_views[i].data == NULL : live_views[i].data == v->data) {
            live_views[i].data = open ? v->data : NULL;
            live_views[i].len = open ? v->len : 0;
            return;
        }
    }
}

void file_release_range(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < ARRAY_LEN(live_views); i++) {
        const uint8_t *d = live_views[i].data;
        if (!d || b < d || n > live_views[i].len ||
            (size_t)(b - d) > live_views[i].len - n)
            continue;
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
        uintptr_t lo = ((uintptr_t)b + page - 1) & ~(page - 1);
        uintptr_t hi = ((uintptr_t)b + n) & ~(page - 1);
        if (hi > lo)
            madvise((void *)lo, hi - lo, MADV_DONTNEED);
        return;
    }
}

bool file_view_open(const char *path, FileView *out, char *err,
                    size_t errlen)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        /* not populated: the reader hands pages back as it goes
         * (file_release_range), so that a large module is never resident
         * whole; read ahead into the page cache instead */
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
                       0);
        if (p != MAP_FAILED) {
            madvise(p, (size_t)st.st_size, MADV_WILLNEED);
            close(fd);
            out->data = p;
            out->len = (size_t)st.st_size;
            out->mapped = true;
            note_view(out, true);
            return true;
        }
    }
    close(fd);
    Buf b;
    buf_init(&b);
    if (!file_read_all(path, &b, err, errlen)) {
        buf_fini(&b);
        return false;
    }
    out->data = b.data;
    out->len = b.len;
    return true;
}

void file_view_release(const FileView *v)
{
    if (v->mapped)
        madvise((void *)v->data, v->len, MADV_DONTNEED);
}

void file_view_close(FileView *v)
{
    if (v->mapped) {
        note_view(v, false);
        munmap((void *)v->data, v->len);
    } else {
        free((void *)v->data);
    }
    memset(v, 0, sizeof *v);
}

static bool write_fully(int fd, const uint8_t *p, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* Where the bytes for path go: the file a symlink at path leads to (so
 * the link stays a link), else path itself.  Caller frees. */
static char *write_target(const char *path)
{
    struct stat st;
    char *real;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
        (real = realpath(path, NULL)) != NULL)
        return real;
    size_t n = strlen(path) + 1;
    return memcpy(xmalloc(n), path, n);
}

/* A device, FIFO or socket gets the bytes written to it, as cp does
 * (renaming a file onto /dev/null would replace the device). */
static bool write_through(const char *path, const void *data, size_t len,
                          char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY);
    bool ok = fd >= 0 && write_fully(fd, data, len);
    int saved = errno;
    if (fd >= 0)
        ok = (close(fd) == 0) && ok;
    if (!ok)
        snprintf(err, errlen, "cannot write '%s': %s", path,
                 strerror(saved));
    return ok;
}

/* ---- the temp file of a write in progress, for signal handlers ---- */

/* Its name is kept in a static buffer so that the handler can unlink it
 * without touching the heap (unlink is async-signal-safe).  One write at
 * a time: the tools that use this are single-threaded. */
static char live_tmp[4096];
static volatile sig_atomic_t live;

/* mkstemp, with the name published for the handler before any signal can
 * see the file exist (signals are blocked in between). */
static int create_temp(char *tmp)
{
    sigset_t old;
    sig_block_interrupts(&old);
    int fd = mkstemp(tmp);
    size_t n = strlen(tmp);
    if (fd >= 0 && n < sizeof live_tmp) {
        memcpy(live_tmp, tmp, n + 1);
        live = 1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return fd;
}

static void temp_done(void)
{
    live = 0;
}

static void on_signal(int sig)
{
    if (live)
        unlink(live_tmp);
    sig_die_after_handler(sig);
}

void file_cleanup_on_signals(void)
{
    sig_catch_interrupts(on_signal);
    /* a write past the file size limit (ulimit -f) fails with EFBIG and is
     * reported like any failed write, its temp file removed, instead of
     * killing the process in the middle of it */
    signal(SIGXFSZ, SIG_IGN);
}

/* The temporary file's name: a short one in path's directory, so a long
 * file name still leaves room for it. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    char *tmp = xmalloc(dlen + 16);
    memcpy(tmp, path, dlen);
    memcpy(tmp + dlen, ".whamm-XXXXXX", 14);
    return tmp;
}

/* Where the bytes for path go (see write_target), with what is there
 * now; false (and a message) when it is a directory.  Caller frees
 * *target. */
static bool find_target(const char *path, char **target, struct stat *st,
                        bool *exists, char *err, size_t errlen)
{
    *target = write_target(path);
    *exists = stat(*target, st) == 0;
    if (*exists && S_ISDIR(st->st_mode)) {
        snprintf(err, errlen, "cannot write '%s': it is a directory", path);
        free(*target);
        *target = NULL;
        return false;
    }
    return true;
}

/* The temp file beside target, published for the signal handlers, with
 * the mode the output will have. */
static int open_beside(const char *path, const char *target,
                       const struct stat *st, bool exists, char **tmp,
                       char *err, size_t errlen)
{
    *tmp = temp_name(target);
    int fd = create_temp(*tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file beside '%s': %s",
                 path, strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    /* mkstemp creates 0600: an existing file keeps its mode, a new one is
     * an ordinary build product */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? st->st_mode & 07777 : 0666 & ~mask);
    return fd;
}

/* Renames tmp over target once the writes and the close went well;
 * otherwise removes it.  Either way the signal handlers forget it. */
static bool finish_beside(int fd, bool wrote, int saved, const char *tmp,
                          const char *target, const char *path, char *err,
                          size_t errlen)
{
    bool ok = wrote;
    if (close(fd) != 0 && ok) {
        saved = errno;
        ok = false;
    }
    if (ok && rename(tmp, target) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(saved));
        unlink(tmp);
    }
    temp_done();
    return ok;
}

bool file_write_atomic(const char *path, const void *data, size_t len,
                       char *err, size_t errlen)
{
    char *target, *tmp;
    struct stat st;
    bool exists;
    if (!find_target(path, &target, &st, &exists, err, errlen))
        return false;
    if (exists && !S_ISREG(st.st_mode)) {
        bool ok = write_through(target, data, len, err, errlen);
        free(target);
        return ok;
    }
    int fd = open_beside(path, target, &st, exists, &tmp, err, errlen);
    bool ok = fd >= 0;
    if (ok) {
        bool wrote = write_fully(fd, data, len);
        ok = finish_beside(fd, wrote, errno, tmp, target, path, err, errlen);
    }
    free(tmp);
    free(target);
    return ok;
}

/* ---- FileOut: an output written in pieces ---- */

const char *file_temp_dir(void)
{
    const char *dir = getenv("TMPDIR");
    return dir && *dir ? dir : "/tmp";
}

int file_open_unlinked(const char *prefix)
{
    const char *dir = file_temp_dir();
    size_t n = strlen(dir), p = strlen(prefix);
    char *name = xmalloc(n + p + 9);
    snprintf(name, n + p + 9, "%s/%sXXXXXX", dir, prefix);
    int fd = mkstemp(name);
    if (fd >= 0)
        unlink(name);
    free(name);
    return fd;
}

/* For a device, FIFO or socket: an unlinked file in $TMPDIR (or /tmp),
 * copied to the target on commit. */
static int open_unlinked(const char *path, char *err, size_t errlen)
{
    int fd = file_open_unlinked(".whamm-");
    if (fd < 0)
        snprintf(err, errlen, "cannot create a temporary file in '%s' for "
                 "'%s': %s", file_temp_dir(), path, strerror(errno));
    return fd;
}

bool file_out_open(FileOut *f, const char *path, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->fd = -1;
    struct stat st;
    bool exists;
    if (!find_target(path, &f->target, &st, &exists, err, errlen))
        return false;
    if (exists && !S_ISREG(st.st_mode))
        f->fd = open_unlinked(path, err, errlen);
    else
        f->fd = open_beside(path, f->target, &st, exists, &f->tmp, err,
                            errlen);
    if (f->fd < 0) {
        free(f->target);
        f->target = NULL;
        return false;
    }
    f->path = xstrdup(path);
    return true;
}

static bool record_error(FileOut *f, int errnum)
{
    if (!f->errnum)
        f->errnum = errnum ? errnum : EIO;
    return false;
}

bool file_out_write2_at(FileOut *f, const void *a, size_t alen,
                        const void *b, size_t blen, uint64_t off)
{
    struct iovec iov[2] = {{(void *)a, alen}, {(void *)b, blen}};
    if (off + alen + blen > f->len)
        f->len = off + alen + blen;
    int i = 0;
    for (;;) {
        while (i < 2 && iov[i].iov_len == 0)
            i++;
        if (i == 2)
            return true;
        ssize_t n = pwritev(f->fd, iov + i, 2 - i, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return record_error(f, n < 0 ? errno : ENOSPC);
        off += (uint64_t)n;
        for (size_t left = (size_t)n; left > 0;) {
            size_t k = left < iov[i].iov_len ? left : iov[i].iov_len;
            iov[i].iov_base = (uint8_t *)iov[i].iov_base + k;
            iov[i].iov_len -= k;
            left -= k;
            if (iov[i].iov_len == 0)
                i++;
        }
    }
}

bool file_out_write_at(FileOut *f, const void *p, size_t n, uint64_t off)
{
    return file_out_write2_at(f, p, n, NULL, 0, off);
}

bool file_out_read_at(FileOut *f, void *p, size_t n, uint64_t off)
{
    uint8_t *q = p;
    while (n > 0) {
        ssize_t r = pread(f->fd, q, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return record_error(f, r < 0 ? errno : EIO);
        q += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return true;
}

bool file_out_truncate(FileOut *f, uint64_t len)
{
    f->len = len;
    return ftruncate(f->fd, (off_t)len) == 0 || record_error(f, errno);
}

/* The unlinked file's bytes, written to the device or FIFO. */
static bool copy_through(FileOut *f)
{
    int out = open(f->target, O_WRONLY);
    if (out < 0)
        return record_error(f, errno);
    enum { CHUNK = 1 << 20 };
    uint8_t *chunk = xmalloc(CHUNK);
    bool ok = true;
    for (uint64_t off = 0; ok;) {
        ssize_t n = pread(f->fd, chunk, CHUNK, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            ok = record_error(f, errno);
        if (n <= 0)
            break;
        ok = write_fully(out, chunk, (size_t)n) || record_error(f, errno);
        off += (uint64_t)n;
    }
    free(chunk);
    if (close(out) != 0 && ok)
        ok = record_error(f, errno);
    return ok;
}

static void file_out_release(FileOut *f)
{
    free(f->tmp);
    free(f->target);
    free(f->path);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

bool file_out_commit(FileOut *f, char *err, size_t errlen)
{
    bool ok;
    if (f->tmp) {
        ok = finish_beside(f->fd, f->errnum == 0, f->errnum, f->tmp,
                           f->target, f->path, err, errlen);
    } else {
        ok = f->errnum == 0 && copy_through(f);
        close(f->fd);
        if (!ok)
            snprintf(err, errlen, "cannot write '%s': %s", f->path,
                     strerror(f->errnum));
    }
    file_out_release(f);
    return ok;
}

void file_out_abort(FileOut *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp) {
        unlink(f->tmp);
        temp_done();
    }
    file_out_release(f);
}
