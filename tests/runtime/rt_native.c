/* rt_native.c -- the native test harness of the runtime (rt_native.h):
 * the simulated memory behind mem.h's WHAMM_RT_NATIVE build, and the WASI
 * calls the runtime makes (wasi.h): fd_write keeps stdout text for the
 * test and passes stderr text (whamm_rt_fail's message) through unless the
 * test captures it; the environment, the preopens and one file are
 * simulated for the report's destinations. */
#define _POSIX_C_SOURCE 200809L
#include "rt_native.h"

#include "runtime/out.h"
#include "runtime/wasi.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the tally ---------------------------------------------------------------- */

static int failures, checks;

int native_check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failures++;
        if (what)
            fprintf(stderr, "failed: %s\n", what);
    }
    return ok;
}

int native_done(const char *suite)
{
    if (failures)
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
    else
        printf("%s: %d checks passed\n", suite, checks);
    return failures != 0;
}

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

/* ---- the host ---------------------------------------------------------------- */

static char env_block[4096];       /* the strings, NUL-separated */
static uint32_t env_count, env_size;
static char preopens[8][256];
static int npreopens;
static int32_t fail_err[128], open_err; /* by fd */
static int capture_err;
static char *err_text;
static size_t err_len, err_cap;
static char file_id[600];          /* "<dirfd>:<path>" of the last open */
static char *file_text;
static size_t file_len, file_cap;
static int file_open, file_closed;
#define FILE_FD 77

static void append(char **buf, size_t *len, size_t *cap, const uint8_t *p,
                   uint32_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf)
            abort();
    }
    memcpy(*buf + *len, p, n);
    *len += n;
    (*buf)[*len] = 0;
}

static void keep(const uint8_t *p, uint32_t n)
{
    append(&out, &out_len, &out_cap, p, n);
}

void native_set_env(const char *const *vars, int n)
{
    env_count = 0;
    env_size = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(vars[i]) + 1;
        if (env_size + len > sizeof env_block)
            abort();
        memcpy(env_block + env_size, vars[i], len);
        env_size += (uint32_t)len;
        env_count++;
    }
}

void native_set_preopens(const char *const *names, int n)
{
    npreopens = n;
    for (int i = 0; i < n; i++)
        snprintf(preopens[i], sizeof preopens[i], "%s", names[i]);
}

void native_fail_fd(int32_t fd, int32_t err)
{
    if (fd >= 0 && fd < 128)
        fail_err[fd] = err;
    else if (fd < 0) /* every fd works again */
        memset(fail_err, 0, sizeof fail_err);
}

void native_fail_open(int32_t err) { open_err = err; }

void native_capture_stderr(int on) { capture_err = on; }

const char *native_stderr(size_t *len)
{
    static char empty[1];
    *len = err_len;
    err_len = 0;
    return err_text ? err_text : empty;
}

const char *native_file(const char **text, size_t *len, int *closed)
{
    static char empty[1];
    *text = file_text ? file_text : empty;
    *len = file_len;
    *closed = file_closed;
    return file_id[0] ? file_id : NULL;
}

void native_reset_report(void)
{
    whamm_rt_flush();
    rt_native_reset_out();
    rt_native_reset_dest();
    native_set_env(NULL, 0);
    native_set_preopens(NULL, 0);
    native_fail_fd(-1, 0);
    native_fail_open(0);
    file_id[0] = 0;
    file_len = 0;
    file_open = file_closed = 0;
    out_len = 0;
    err_len = 0;
}

int32_t whamm_rt_wasi_fd_write(int32_t fd, const WasiIovec *iovs,
                               int32_t niovs, uint32_t *written)
{
    uint32_t total = 0;
    if (fd >= 0 && fd < 128 && fail_err[fd])
        return fail_err[fd];
    if (fd == FILE_FD && (!file_open || file_closed))
        return 8; /* EBADF */
    for (int32_t i = 0; i < niovs; i++) {
        if (fd == 1) {
            keep(iovs[i].buf, iovs[i].len);
        } else if (fd == FILE_FD) {
            append(&file_text, &file_len, &file_cap, iovs[i].buf,
                   iovs[i].len);
        } else if (fd == 2 && capture_err) {
            append(&err_text, &err_len, &err_cap, iovs[i].buf, iovs[i].len);
        } else if (fd != 2) {
            return 8; /* EBADF */
        } else if (write(2, iovs[i].buf, iovs[i].len) < 0) {
            return 29; /* EIO */
        }
        total += iovs[i].len;
    }
    *written = total;
    return 0;
}

int32_t whamm_rt_wasi_environ_sizes_get(uint32_t *count, uint32_t *size)
{
    *count = env_count;
    *size = env_size;
    return 0;
}

/* Checks the runtime's side of wasi.h's contract: environ holds count and
 * size; then writes what WASI would (the pointers as offsets into buf). */
int32_t whamm_rt_wasi_environ_get(uint32_t *environ, uint8_t *buf)
{
    if (environ[0] != env_count || environ[1] != env_size) {
        fprintf(stderr, "environ_get: environ[0..1] = %u, %u, not %u, %u\n",
                environ[0], environ[1], env_count, env_size);
        abort();
    }
    memcpy(buf, env_block, env_size);
    for (uint32_t i = 0, at = 0; i < env_count; i++) {
        environ[i] = at;
        at += (uint32_t)strlen(env_block + at) + 1;
    }
    return 0;
}

int32_t whamm_rt_wasi_fd_prestat_get(int32_t fd, WasiPrestat *out_ps)
{
    if (fd < 3 || fd >= 3 + npreopens)
        return 8; /* EBADF */
    out_ps->tag = 0;
    out_ps->name_len = (uint32_t)strlen(preopens[fd - 3]);
    return 0;
}

int32_t whamm_rt_wasi_fd_prestat_dir_name(int32_t fd, uint8_t *path,
                                          uint32_t len)
{
    if (fd < 3 || fd >= 3 + npreopens)
        return 8;
    if (len < strlen(preopens[fd - 3]))
        return 28; /* EINVAL */
    memcpy(path, preopens[fd - 3], strlen(preopens[fd - 3]));
    return 0;
}

int32_t whamm_rt_wasi_path_open(int32_t dirfd, uint32_t dirflags,
                                const uint8_t *path, uint32_t path_len,
                                uint32_t oflags, uint64_t rights_base,
                                uint64_t rights_inheriting, uint32_t fdflags,
                                int32_t *fd)
{
    if (dirflags != 1 || oflags != 9 || rights_base != 64 ||
        rights_inheriting != 0 || fdflags != 0) {
        fprintf(stderr, "path_open: flags %u %u %llu %llu %u\n", dirflags,
                oflags, (unsigned long long)rights_base,
                (unsigned long long)rights_inheriting, fdflags);
        abort();
    }
    snprintf(file_id, sizeof file_id, "%d:%.*s", dirfd, (int)path_len,
             (const char *)path);
    if (open_err)
        return open_err;
    file_len = 0;
    file_open = 1;
    file_closed = 0;
    *fd = FILE_FD;
    return 0;
}

int32_t whamm_rt_wasi_fd_close(int32_t fd)
{
    if (fd != FILE_FD || !file_open || file_closed)
        return 8;
    file_closed = 1;
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
