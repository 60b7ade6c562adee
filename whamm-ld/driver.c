/* driver.c -- argv vectors, response files, child processes, temp files
 * and path helpers shared by whamm-ld, whamm-clang and the wasm-opt shim
 * (the drivers stay thin: all their shared plumbing is here; response files
 * follow docs/integration.md "whamm-ld").
 */
#define _DEFAULT_SOURCE /* mkstemps, realpath */
#define _POSIX_C_SOURCE 200809L
#include "driver.h"
#include "provider/registry.h"
#include "util/sig.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ---- argument vectors -------------------------------------------------- */

void drv_push(StrVec *v, const char *s)
{
    vec_push(*v, s);
}

void drv_push_all(StrVec *v, const StrVec *src)
{
    for (uint32_t i = 0; i < src->n; i++)
        vec_push(*v, src->v[i]);
}

char **drv_argv(const StrVec *v)
{
    char **out = xcalloc((size_t)v->n + 1, sizeof *out);
    for (uint32_t i = 0; i < v->n; i++)
        out[i] = (char *)v->v[i];  /* exec takes char *const[] */
    return out;
}

/* ---- response files -------------------------------------------------- */

enum { RSP_MAX_FILES = 2000 };

static void expand_one(Arena *a, const char *arg, StrVec *out, int *files);

/* Splits the text of one response file into arguments (GNU rules, as in
 * LLVM's TokenizeGNUCommandLine) and expands nested @files. */
static void rsp_tokenize(Arena *a, const char *s, size_t n, StrVec *out,
                         int *files)
{
    Buf tok;
    buf_init(&tok);
    size_t i = 0;
    while (i < n) {
        while (i < n && strchr(" \t\r\n\v\f", s[i]))
            i++;
        if (i >= n)
            break;
        tok.len = 0;
        char quote = 0;
        for (; i < n; i++) {
            char c = s[i];
            if (quote == '\'') {
                if (c == '\'') quote = 0; else buf_push(&tok, (uint8_t)c);
            } else if (c == '\\' && i + 1 < n) {
                buf_push(&tok, (uint8_t)s[++i]);
            } else if (quote == '"') {
                if (c == '"') quote = 0; else buf_push(&tok, (uint8_t)c);
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (strchr(" \t\r\n\v\f", c)) {
                break;
            } else {
                buf_push(&tok, (uint8_t)c);
            }
        }
        const char *t = arena_strndup(a, (const char *)tok.data, tok.len);
        expand_one(a, t, out, files);
    }
    buf_fini(&tok);
}

static void expand_one(Arena *a, const char *arg, StrVec *out, int *files)
{
    if (arg[0] != '@' || arg[1] == '\0' || *files >= RSP_MAX_FILES) {
        drv_push(out, arg);
        return;
    }
    Buf text;
    buf_init(&text);
    char err[256];
    if (!file_read_all(arg + 1, &text, err, sizeof err)) {
        drv_push(out, arg);  /* not a response file: `@rpath/...` etc. */
        buf_fini(&text);
        return;
    }
    (*files)++;
    rsp_tokenize(a, (const char *)text.data, text.len, out, files);
    buf_fini(&text);
}

void drv_expand_rsp(Arena *a, int argc, char **argv, StrVec *out,
                    bool *expanded)
{
    int files = 0;
    for (int i = 0; i < argc; i++)
        expand_one(a, argv[i], out, &files);
    *expanded = files > 0;
}

static void put_quoted(Buf *b, const char *s)
{
    buf_push(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_push(b, '\\');
        buf_push(b, (uint8_t)*s);
    }
    buf_push(b, '"');
}

bool drv_write_rsp(const char *path, const StrVec *args, size_t from)
{
    Buf b;
    buf_init(&b);
    for (size_t i = from; i < args->n; i++) {
        put_quoted(&b, args->v[i]);
        buf_push(&b, '\n');
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(b.data, 1, b.len, f) == b.len;
    if (f && fclose(f) != 0)
        ok = false;
    buf_fini(&b);
    return ok;
}

/* ---- command lines ---------------------------------------------------- */

void drv_print_cmd(FILE *out, const StrVec *argv)
{
    Buf b;
    buf_init(&b);
    for (uint32_t i = 0; i < argv->n; i++) {
        buf_push(&b, ' ');
        buf_push(&b, '"');
        for (const char *s = argv->v[i]; *s; s++) {
            if (*s == '"' || *s == '\\' || *s == '$')
                buf_push(&b, '\\');
            buf_push(&b, (uint8_t)*s);
        }
        buf_push(&b, '"');
    }
    buf_push(&b, '\n');
    fwrite(b.data, 1, b.len, out);
    fflush(out);
    buf_fini(&b);
}

static int decode_status(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return 1;
}

/* Copies the child's stderr (pipe fd) into copy and, with echo, to ours
 * as it arrives. */
static void pump_stderr(int fd, Buf *copy, bool echo)
{
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        buf_append(copy, chunk, (size_t)n);
        size_t off = echo ? 0 : (size_t)n;
        while (off < (size_t)n) {
            ssize_t w = write(STDERR_FILENO, chunk + off, (size_t)n - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            off += (size_t)w;
        }
    }
}

int drv_run(const char *who, const StrVec *argv, Buf *err_copy)
{
    return drv_run_out(who, argv, err_copy, DRV_OUT_KEEP, true);
}

/* The child being waited for (0: none): a signal is forwarded to it and
 * the handler waits for it (see on_signal). */
static volatile pid_t child_pid;

/* posix_spawn with our signals blocked until child_pid is set, so a
 * signal in between is not lost for the child; the child starts with
 * the mask we had. */
static int spawn(pid_t *pid, char **cargv,
                 const posix_spawn_file_actions_t *fa)
{
    sigset_t old;
    sig_block_interrupts(&old);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setsigmask(&attr, &old);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    int rc = posix_spawn(pid, cargv[0], fa, &attr, cargv, environ);
    posix_spawnattr_destroy(&attr);
    if (rc == 0)
        child_pid = *pid;
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

int drv_run_out(const char *who, const StrVec *argv, Buf *err_copy,
                DrvStdout out, bool echo_err)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    int pipefd[2] = {-1, -1};
    if (err_copy) {
        if (pipe(pipefd) != 0) {
            fprintf(stderr, "%s: pipe: %s\n", who, strerror(errno));
            posix_spawn_file_actions_destroy(&fa);
            return DRV_EXIT_NOEXEC;
        }
        posix_spawn_file_actions_addclose(&fa, pipefd[0]);
        posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
        posix_spawn_file_actions_addclose(&fa, pipefd[1]);
    }
    if (out == DRV_OUT_NULL)
        posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
                                         O_WRONLY, 0);
    else if (out == DRV_OUT_STDERR)
        posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
    char **cargv = drv_argv(argv);
    pid_t pid;
    int rc = spawn(&pid, cargv, &fa);
    free(cargv);
    posix_spawn_file_actions_destroy(&fa);
    if (err_copy)
        close(pipefd[1]);
    if (rc != 0) {
        fprintf(stderr, "%s: cannot run '%s': %s\n", who, argv->v[0],
                strerror(rc));
        if (err_copy)
            close(pipefd[0]);
        return DRV_EXIT_NOEXEC;
    }
    if (err_copy) {
        pump_stderr(pipefd[0], err_copy, echo_err);
        close(pipefd[0]);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) {
            child_pid = 0;
            return 1;
        }
    child_pid = 0;
    return decode_status(st);
}

/* ---- temp files ------------------------------------------------------- */

static VEC(char *) tmp_files;

void drv_tmp_register(const char *path)
{
    vec_push(tmp_files, xstrdup(path));
}

void drv_tmp_forget(const char *path)
{
    for (uint32_t i = 0; i < tmp_files.n; i++) {
        if (tmp_files.v[i] && strcmp(tmp_files.v[i], path) == 0) {
            free(tmp_files.v[i]);
            tmp_files.v[i] = NULL;
        }
    }
}

void drv_cleanup(void)
{
    for (uint32_t i = 0; i < tmp_files.n; i++) {
        if (tmp_files.v[i])
            unlink(tmp_files.v[i]);
        free(tmp_files.v[i]);
    }
    vec_free(tmp_files);
}

/* Forwards the signal to the running child and waits for it (it may be
 * writing a file that is registered here), removes the registered files,
 * then dies of the signal: it is blocked while we are here (sa_mask), so
 * raise() leaves it pending and it kills us when the handler returns.
 * kill, waitpid, unlink, sigaction and raise are async-signal-safe; the
 * list is not freed here. */
static void on_signal(int sig)
{
    pid_t c = child_pid;
    if (c > 0 && kill(c, sig) == 0)
        while (waitpid(c, NULL, 0) < 0 && errno == EINTR)
            ;
    for (uint32_t i = 0; i < tmp_files.n; i++)
        if (tmp_files.v[i])
            unlink(tmp_files.v[i]);
    sig_die_after_handler(sig);
}

void drv_cleanup_on_signals(void)
{
    sig_catch_interrupts(on_signal);
}

char *drv_tmp_create(Arena *a, const char *dir, const char *prefix,
                     const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(suffix) + 16;
    char *path = arena_alloc(a, n);
    snprintf(path, n, "%s/%sXXXXXX%s", dir, prefix, suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    if (fd < 0)
        return NULL;
    close(fd);
    drv_tmp_register(path);
    return path;
}

/* ---- paths and environment -------------------------------------------- */

const char *drv_self_exe(Arena *a)
{
    char buf[PATH_MAX];
    if (!realpath("/proc/self/exe", buf))
        return NULL;
    return arena_strndup(a, buf, strlen(buf));
}

const char *drv_dirname(Arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    if (slash == path)
        return "/";
    return arena_strndup(a, path, (size_t)(slash - path));
}

const char *drv_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char *drv_join(Arena *a, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = arena_alloc(a, n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

bool drv_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool drv_is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           access(path, X_OK) == 0;
}

const char *drv_find_in_path(Arena *a, const char *name, const char *self)
{
    const char *path = getenv("PATH");
    if (!path)
        return NULL;
    while (*path) {
        size_t len = strcspn(path, ":");
        const char *dir = len ? arena_strndup(a, path, len) : ".";
        const char *cand = drv_join(a, dir, name);
        if (drv_is_executable(cand) && !(self && drv_same_file(cand, self)))
            return cand;
        path += len;
        if (*path == ':')
            path++;
    }
    return NULL;
}

uint32_t drv_check_env(const char *who, bool as_error)
{
    StrVec bad = {0};
    for (char **e = environ; e && *e; e++) {
        size_t n;
        const ProvEnvVar *v = prov_env_typo(*e, &n);
        if (!v)
            continue;
        fprintf(stderr, "%s: %s: environment variable %.*s is not one whamm "
                "reads; it is ignored (did you mean %s, read by %s?)\n", who,
                as_error ? "error" : "warning", (int)n, *e, v->name,
                v->reader);
        char *name = xstrdup(*e);
        name[n] = '\0';
        drv_push(&bad, name);
    }
    uint32_t count = bad.n;
    for (uint32_t i = 0; i < bad.n; i++) {
        unsetenv(bad.v[i]);
        free((char *)bad.v[i]);
    }
    vec_free(bad);
    return count;
}

bool drv_env_flag(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

const char *drv_env(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

bool drv_starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}
