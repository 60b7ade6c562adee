/* dest.c -- where the report goes (out.h rt_report_destination;
 * docs/instr.md "The report").
 *
 * WHAMM_REPORT in the environment: unset, empty or `stdout` is stdout,
 * `stderr` is stderr, anything else is the path of a file, created or
 * truncated.  WASI opens files only relative to a preopened directory, so
 * the path is split at the preopen whose name is the longest prefix of it
 * (at a `/`): with a preopen `out`, `out/r.csv` opens `r.csv` in it; a
 * preopen `/` takes every absolute path; a preopen `.` takes every
 * relative path (`r.csv`, `./r.csv`).  When that fails -- no preopen
 * fits, path_open refuses -- one line on stderr says why and the report
 * goes to stdout.
 *
 * The environment is read once, with environ_sizes_get and environ_get,
 * into whamm's heap (wasi.h says how the buffers are laid out so that a
 * separate state memory can stage them). */
#include "runtime.h"

#include "fmt.h"
#include "mem.h"
#include "out.h"
#include "wasi.h"

#include <stddef.h>

#define MAX_PREOPENS 4096      /* fds looked at for preopens (from 3) */
#define MAX_DIR_NAME 4096      /* longer preopen names are skipped */

static int resolved;
static int32_t dest_fd = 1;
static int dest_is_file;
static const uint8_t *dest_name;
static uint32_t dest_name_len;

#ifdef WHAMM_RT_NATIVE
void rt_native_reset_dest(void)
{
    resolved = dest_is_file = 0;
    dest_fd = 1;
    dest_name = NULL;
    dest_name_len = 0;
}
#endif

/* ---- messages ------------------------------------------------------------- */

/* The text of a WASI errno ("bad file descriptor"). */
static const char *rt_errno_text(int32_t err)
{
    static const struct { uint8_t err; const char *text; } texts[] = {
        {2, "permission denied"}, {8, "bad file descriptor"},
        {19, "disk quota exceeded"}, {20, "file exists"},
        {22, "file too large"}, {27, "interrupted"},
        {28, "invalid argument"}, {29, "input/output error"},
        {31, "is a directory"}, {32, "too many levels of symbolic links"},
        {33, "too many open files"}, {37, "file name too long"},
        {44, "no such file or directory"}, {48, "out of memory"},
        {51, "no space left on device"}, {52, "function not implemented"},
        {54, "not a directory"}, {58, "not supported"},
        {63, "operation not permitted"}, {64, "broken pipe"},
        {69, "read-only file system"},
        {76, "not permitted by the directory's capabilities"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i].err == err)
            return texts[i].text;
    static char other[RT_FMT_MAX + 12] = "WASI errno ";
    other[11 + rt_fmt_i64(other + 11, err)] = 0;
    return other;
}

static uint32_t cstr_len(const char *s)
{
    uint32_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int32_t say(int report, const uint8_t *name, uint32_t name_len,
                   const char *reason)
{
    static const char head[] = "whamm: cannot write", rep[] = " the report",
                      to[] = " to ", colon[] = ": ", nl[] = "\n";
    WasiIovec iov[7] = {
        {(const uint8_t *)head, sizeof head - 1},
        {(const uint8_t *)rep, report ? sizeof rep - 1 : 0},
        {(const uint8_t *)to, sizeof to - 1},
        {name, name_len},
        {(const uint8_t *)colon, sizeof colon - 1},
        {(const uint8_t *)reason, cstr_len(reason)},
        {(const uint8_t *)nl, 1},
    };
    uint32_t written = 0;
    return whamm_rt_wasi_fd_write(2, iov, 7, &written);
}

int32_t rt_say_cannot_write(int report, const uint8_t *name,
                            uint32_t name_len, int32_t err)
{
    return say(report, name, name_len, rt_errno_text(err));
}

/* ---- the environment --------------------------------------------------------- */

static int has_prefix(const uint8_t *s, uint32_t len, const char *prefix)
{
    uint32_t i = 0;
    for (; prefix[i]; i++)
        if (i >= len || s[i] != (uint8_t)prefix[i])
            return 0;
    return 1;
}

static int equals(const uint8_t *s, uint32_t len, const char *t)
{
    return has_prefix(s, len, t) && t[len] == 0;
}

/* WHAMM_REPORT's value (*len bytes), or NULL when it is unset or the
 * environment cannot be read.  The value stays in the heap. */
static const uint8_t *read_env(uint32_t *len)
{
    static const char var[] = "WHAMM_REPORT=";
    uint32_t count = 0, size = 0;
    if (whamm_rt_wasi_environ_sizes_get(&count, &size) != 0 || count == 0 ||
        size == 0 || count > (1u << 24) || size > (1u << 28))
        return NULL;
    uint32_t total = 4 * count + size;
    uint32_t *env = (uint32_t *)whamm_rt_alloc(2 * total);
    uint8_t *buf = whamm_rt_alloc(size);
    env[0] = count; /* for a staging environ_get (wasi.h) */
    env[1] = size;
    int32_t err = whamm_rt_wasi_environ_get(env, buf);
    whamm_rt_free((uint8_t *)env);
    const uint8_t *found = NULL;
    for (uint32_t i = 0; err == 0 && !found && i < size;) {
        uint32_t end = i;
        while (end < size && buf[end])
            end++;
        if (has_prefix(buf + i, end - i, var)) {
            found = buf + i + sizeof var - 1;
            *len = end - i - (uint32_t)(sizeof var - 1);
        }
        i = end + 1;
    }
    if (!found)
        whamm_rt_free(buf);
    return found;
}

/* ---- files --------------------------------------------------------------------- */

/* How well the preopen `name` fits path: -1 not at all, else the length
 * of the prefix it covers (`.` covers 0: any other fit wins); *skip is
 * where the rest of the path starts. */
static int64_t fit(const uint8_t *name, uint32_t nlen, const uint8_t *path,
                   uint32_t plen, uint32_t *skip)
{
    while (nlen > 1 && name[nlen - 1] == '/')
        nlen--;
    int64_t score;
    if (nlen == 1 && name[0] == '.') {
        if (plen > 0 && path[0] == '/')
            return -1;
        *skip = 0;
        score = 0;
    } else if (nlen == 1 && name[0] == '/') {
        if (plen == 0 || path[0] != '/')
            return -1;
        *skip = 1;
        score = 1;
    } else {
        if (plen < nlen || (plen > nlen && path[nlen] != '/'))
            return -1;
        for (uint32_t i = 0; i < nlen; i++)
            if (path[i] != name[i])
                return -1;
        *skip = nlen;
        score = nlen;
    }
    /* "./" and extra slashes lead nowhere */
    for (;;) {
        if (*skip < plen && path[*skip] == '/')
            ++*skip;
        else if (*skip + 1 < plen && path[*skip] == '.' &&
                 path[*skip + 1] == '/')
            *skip += 2;
        else
            break;
    }
    return score;
}

/* Opens path for the report; on failure says why and returns -1. */
static int32_t open_file(const uint8_t *path, uint32_t plen)
{
    int32_t best = -1;
    int64_t best_score = -1;
    uint32_t best_skip = 0;
    for (int32_t fd = 3; fd < 3 + MAX_PREOPENS; fd++) {
        WasiPrestat ps = {0, {0, 0, 0}, 0};
        int32_t err = whamm_rt_wasi_fd_prestat_get(fd, &ps);
        if (err == WASI_EBADF)
            break;
        if (err != 0 || ps.tag != 0 || ps.name_len == 0 ||
            ps.name_len > MAX_DIR_NAME)
            continue;
        uint8_t *name = whamm_rt_alloc(ps.name_len);
        uint32_t skip = 0;
        int64_t score = -1;
        if (whamm_rt_wasi_fd_prestat_dir_name(fd, name, ps.name_len) == 0)
            score = fit(name, ps.name_len, path, plen, &skip);
        whamm_rt_free(name);
        if (score > best_score) {
            best = fd;
            best_score = score;
            best_skip = skip;
        }
    }
    if (best < 0) {
        say(1, path, plen, "no preopened directory holds it");
        return -1;
    }
    if (best_skip >= plen) {
        say(1, path, plen, rt_errno_text(31)); /* is a directory */
        return -1;
    }
    int32_t fd = -1;
    int32_t err = whamm_rt_wasi_path_open(
        best, WASI_LOOKUP_SYMLINK_FOLLOW, path + best_skip, plen - best_skip,
        WASI_O_CREAT | WASI_O_TRUNC, WASI_RIGHT_FD_WRITE, 0, 0, &fd);
    if (err != 0) {
        say(1, path, plen, rt_errno_text(err));
        return -1;
    }
    return fd;
}

int32_t rt_report_destination(uint32_t flags, int *is_file,
                              const uint8_t **name, uint32_t *name_len)
{
    if (!resolved) {
        resolved = 1;
        uint32_t len = 0;
        const uint8_t *v = flags & WHAMM_RT_DEST_ENV ? read_env(&len) : NULL;
        if (v && equals(v, len, "stderr")) {
            dest_fd = 2;
        } else if (v && len > 0 && !equals(v, len, "stdout")) {
            int32_t fd = open_file(v, len);
            if (fd >= 0) {
                dest_fd = fd;
                dest_is_file = 1;
                dest_name = v;
                dest_name_len = len;
            }
        }
    }
    *is_file = dest_is_file;
    *name = dest_name;
    *name_len = dest_name_len;
    return dest_fd;
}
