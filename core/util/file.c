/* file.c -- whole-file reads and atomic writes (temp file + rename), and
 * the removal of that temp file when a signal interrupts the write. */
#define _DEFAULT_SOURCE /* MAP_POPULATE */
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
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif
        /* populate: the reader touches every byte anyway */
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ,
                       MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (p != MAP_FAILED) {
            close(fd);
            out->data = p;
            out->len = (size_t)st.st_size;
            out->mapped = true;
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

void file_view_close(FileView *v)
{
    if (v->mapped)
        munmap((void *)v->data, v->len);
    else
        free((void *)v->data);
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

bool file_write_atomic(const char *path, const void *data, size_t len,
                       char *err, size_t errlen)
{
    char *target = write_target(path);
    struct stat st;
    bool exists = stat(target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot write '%s': it is a directory", path);
        free(target);
        return false;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        bool ok = write_through(target, data, len, err, errlen);
        free(target);
        return ok;
    }
    char *tmp = temp_name(target);
    int fd = create_temp(tmp);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file beside '%s': %s",
                 path, strerror(errno));
        free(tmp);
        free(target);
        return false;
    }
    /* mkstemp creates 0600: an existing file keeps its mode, a new one is
     * an ordinary build product */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
    bool ok = write_fully(fd, data, len);
    int saved = errno;
    ok = (close(fd) == 0) && ok;
    if (ok && rename(tmp, target) != 0) {
        saved = errno;
        ok = false;
    }
    if (!ok) {
        snprintf(err, errlen, "cannot write '%s': %s", path, strerror(saved));
        unlink(tmp);
    }
    temp_done();
    free(tmp);
    free(target);
    return ok;
}
