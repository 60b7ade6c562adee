/* rt_native.c -- the native test harness of the runtime (rt_native.h):
 * the simulated memory behind mem.h's WHAMM_RT_NATIVE build, and the WASI
 * fd_write the runtime calls (wasi.h), which keeps stdout text for the
 * test and passes stderr text (whamm_rt_fail's message) through. */
#define _POSIX_C_SOURCE 200809L
#include "rt_native.h"

#include "runtime/wasi.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

WhammRtNativeMem whamm_rt_native_mem;

static uint32_t data_top;        /* bump pointer of the test's data */
static char *out;                /* stdout text since native_output */
static size_t out_len, out_cap;

void native_init(uint32_t pages, uint32_t max_pages)
{
    whamm_rt_native_mem.base = calloc(max_pages, RT_PAGE);
    if (!whamm_rt_native_mem.base) {
        fprintf(stderr, "cannot allocate the simulated memory\n");
        exit(2);
    }
    whamm_rt_native_mem.pages = pages;
    whamm_rt_native_mem.max_pages = max_pages;
    data_top = 16; /* address 0 means NULL */
}

uint32_t native_alloc(uint32_t size, uint32_t align)
{
    uint32_t at = (data_top + align - 1) & ~(align - 1);
    if ((uint64_t)at + size > (uint64_t)whamm_rt_native_mem.pages * RT_PAGE) {
        fprintf(stderr, "the test's data does not fit its pages\n");
        exit(2);
    }
    data_top = at + size;
    memset(rt_ptr(at), 0, size);
    return at;
}

uint32_t native_bytes(const void *bytes, uint32_t len)
{
    uint32_t at = native_alloc(len ? len : 1, 1);
    memcpy(rt_ptr(at), bytes, len);
    return at;
}

uint32_t native_cstr(const char *s)
{
    return native_bytes(s, (uint32_t)strlen(s) + 1);
}

static void keep(const uint8_t *p, uint32_t n)
{
    if (out_len + n + 1 > out_cap) {
        out_cap = (out_len + n + 1) * 2;
        out = realloc(out, out_cap);
        if (!out)
            abort();
    }
    memcpy(out + out_len, p, n);
    out_len += n;
    out[out_len] = 0;
}

int32_t whamm_rt_wasi_fd_write(int32_t fd, const WasiIovec *iovs,
                               int32_t niovs, uint32_t *written)
{
    uint32_t total = 0;
    for (int32_t i = 0; i < niovs; i++) {
        if (fd == 1) {
            keep(iovs[i].buf, iovs[i].len);
        } else if (write(2, iovs[i].buf, iovs[i].len) < 0) {
            return 29; /* EIO */
        }
        total += iovs[i].len;
    }
    *written = total;
    return 0;
}

const char *native_output(size_t *len)
{
    static char empty[1];
    whamm_rt_flush();
    *len = out_len;
    out_len = 0;
    return out ? out : empty;
}

int native_expect_output(const char *what, const char *want, size_t want_len)
{
    size_t len;
    const char *got = native_output(&len);
    if (len == want_len && memcmp(got, want, len) == 0)
        return 1;
    fprintf(stderr, "%s:\n  got  (%zu) '%.*s'\n  want (%zu) '%.*s'\n", what,
            len, (int)len, got, want_len, (int)want_len, want);
    return 0;
}

/* The child's stderr, read until the child closes it. */
static size_t read_all(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    for (ssize_t r; n + 1 < cap && (r = read(fd, buf + n, cap - 1 - n)) > 0;)
        n += (size_t)r;
    buf[n] = 0;
    return n;
}

int native_expect_fail(const char *what, void (*fn)(void),
                       const char *want_stderr)
{
    int fds[2];
    fflush(NULL);
    if (pipe(fds) != 0)
        return 0;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        fn();
        _exit(0); /* fn returned: the runtime did not trap */
    }
    close(fds[1]);
    char buf[1024];
    read_all(fds[0], buf, sizeof buf);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && strcmp(buf, want_stderr) == 0)
        return 1;
    fprintf(stderr, "%s: child %s %d, stderr '%s', want a trap after '%s'\n",
            what, WIFSIGNALED(status) ? "signal" : "exit",
            WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
            buf, want_stderr);
    return 0;
}
