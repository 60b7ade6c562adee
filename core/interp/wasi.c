/* wasi.c -- the few `wasi_snapshot_preview1` functions a library compiled
 * with wasi-libc needs to start and print, answered so that a run at
 * instrumentation time is reproducible:
 *   fd_write          fd 1 and 2 go to the Interp's output (stderr by
 *                     default: the library runs inside the compiler)
 *   proc_exit         ends the call with an error naming the exit code
 *   random_get        bytes from a fixed-seed generator (splitmix64)
 *   clock_time_get    a fake clock: starts at 0 and advances 1 µs per
 *                     query, so timing loops end and runs repeat exactly
 *   clock_res_get     1 µs
 *   args_*, environ_* no arguments, no environment
 *   fd_fdstat_get     fds 0-2 are character devices, others EBADF
 *   fd_seek           ESPIPE;  fd_close: success
 *   fd_prestat_get, fd_prestat_dir_name, path_open
 *                     EBADF: no directories are open (a report file
 *                     cannot be opened while instrumenting)
 * A pointer outside memory gives EFAULT, as a real host would.
 *
 * Also the `wizeng` host functions that wei monitors written for the
 * Wizard engine import (docs/wei.md): puts(ptr, len), puti(i32),
 * putc(i32) print to the same output, rdtsc() reads the fake clock, and
 * crash()/error(...) stop the call with an error.
 */
#include "interp_impl.h"

#include <string.h>

/* name, signature (i = i32, I = i64; params:results) */
#define WASI_FUNCS(X)                                                     \
    X(FD_WRITE, "fd_write", "iiii:i")                                     \
    X(PROC_EXIT, "proc_exit", "i:")                                       \
    X(RANDOM_GET, "random_get", "ii:i")                                   \
    X(CLOCK_TIME_GET, "clock_time_get", "iIi:i")                          \
    X(CLOCK_RES_GET, "clock_res_get", "ii:i")                             \
    X(ARGS_SIZES_GET, "args_sizes_get", "ii:i")                           \
    X(ENVIRON_SIZES_GET, "environ_sizes_get", "ii:i")                     \
    X(ARGS_GET, "args_get", "ii:i")                                       \
    X(ENVIRON_GET, "environ_get", "ii:i")                                  \
    X(FD_FDSTAT_GET, "fd_fdstat_get", "ii:i")                             \
    X(FD_SEEK, "fd_seek", "iIii:i")                                       \
    X(FD_CLOSE, "fd_close", "i:i")                                       \
    X(FD_PRESTAT_GET, "fd_prestat_get", "ii:i")                           \
    X(FD_PRESTAT_DIR_NAME, "fd_prestat_dir_name", "iii:i")                \
    X(PATH_OPEN, "path_open", "iiiiiIIii:i")

#define WIZENG_FUNCS(X)                                                   \
    X(PUTS, "puts", "ii:")                                                \
    X(PUTI, "puti", "i:")                                                 \
    X(PUTC, "putc", "i:")                                                 \
    X(RDTSC, "rdtsc", ":I")                                               \
    X(CRASH, "crash", NULL)                                               \
    X(ERROR, "error", NULL)

enum {
#define X(id, name, sig) WASI_##id,
    WASI_FUNCS(X)
#undef X
    WIZENG_BASE = 100,
#define X(id, name, sig) WIZENG_##id,
    WIZENG_FUNCS(X)
#undef X
};

static const struct {
    const char *name, *sig;  /* sig NULL: any parameters, no result */
} wizeng_funcs[] = {
#define X(id, name, sig) {name, sig},
    WIZENG_FUNCS(X)
#undef X
};

static const struct {
    const char *name, *sig;
} wasi_funcs[] = {
#define X(id, name, sig) {name, sig},
    WASI_FUNCS(X)
#undef X
};

/* WASI errno values */
enum { WASI_ESUCCESS = 0, WASI_EBADF = 8, WASI_EFAULT = 21,
       WASI_ESPIPE = 70 };

static bool sig_matches(const WasmType *t, const char *sig)
{
    const char *colon = strchr(sig, ':');
    if (t->kind != WASM_TYPE_FUNC ||
        t->nparams != (uint32_t)(colon - sig) ||
        t->nresults != strlen(colon + 1))
        return false;
    for (uint32_t i = 0; i < t->nparams; i++)
        if (t->params[i].code != (sig[i] == 'i' ? WASM_I32 : WASM_I64))
            return false;
    for (uint32_t i = 0; i < t->nresults; i++)
        if (t->results[i].code != (colon[1 + i] == 'i' ? WASM_I32
                                                        : WASM_I64))
            return false;
    return true;
}

static int wizeng_lookup(const WasmModule *m, const WasmImport *imp,
                         uint32_t type, bool *ok)
{
    for (size_t i = 0; i < ARRAY_LEN(wizeng_funcs); i++) {
        if (strcmp(imp->field, wizeng_funcs[i].name) != 0)
            continue;
        const WasmType *t = type < m->types.n ? &m->types.v[type] : NULL;
        *ok = t && (wizeng_funcs[i].sig
                        ? sig_matches(t, wizeng_funcs[i].sig)
                        : t->kind == WASM_TYPE_FUNC && t->nresults == 0);
        return WIZENG_BASE + 1 + (int)i;
    }
    return -1;
}

int interp_wasi_lookup(const WasmModule *m, const WasmImport *imp,
                       uint32_t type, bool *ok)
{
    *ok = true;
    if (strcmp(imp->module, "wizeng") == 0)
        return wizeng_lookup(m, imp, type, ok);
    if (strcmp(imp->module, "wasi_snapshot_preview1") != 0)
        return -1;
    for (size_t i = 0; i < ARRAY_LEN(wasi_funcs); i++) {
        if (strcmp(imp->field, wasi_funcs[i].name) != 0)
            continue;
        *ok = type < m->types.n &&
              sig_matches(&m->types.v[type], wasi_funcs[i].sig);
        return (int)i;
    }
    return -1;
}

/* n bytes of memory at addr, or NULL when they are not all there. */
static uint8_t *at(Interp *it, uint64_t addr, uint64_t n)
{
    uint64_t a = (uint32_t)addr;
    if (a > it->mem_size || it->mem_size - a < n)
        return NULL;
    return it->mem + a;
}

static bool put32(Interp *it, uint64_t addr, uint32_t v)
{
    uint8_t *p = at(it, addr, 4);
    if (p)
        memcpy(p, &v, 4);
    return p != NULL;
}

static bool put64(Interp *it, uint64_t addr, uint64_t v)
{
    uint8_t *p = at(it, addr, 8);
    if (p)
        memcpy(p, &v, 8);
    return p != NULL;
}

static uint32_t fd_write(Interp *it, const uint64_t *a)
{
    uint32_t fd = (uint32_t)a[0], n = (uint32_t)a[2];
    if (fd != 1 && fd != 2)
        return WASI_EBADF;
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *iov = at(it, (uint32_t)a[1] + (uint64_t)i * 8, 8);
        if (!iov)
            return WASI_EFAULT;
        uint32_t ptr, len;
        memcpy(&ptr, iov, 4);
        memcpy(&len, iov + 4, 4);
        const uint8_t *data = at(it, ptr, len);
        if (!data)
            return WASI_EFAULT;
        if (len)
            fwrite(data, 1, len, it->out);
        total += len;
    }
    fflush(it->out);
    return put32(it, a[3], total) ? WASI_ESUCCESS : WASI_EFAULT;
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint32_t random_get(Interp *it, const uint64_t *a)
{
    uint32_t len = (uint32_t)a[1];
    uint8_t *p = at(it, a[0], len);
    if (!p)
        return WASI_EFAULT;
    for (uint32_t i = 0; i < len; i++)
        p[i] = (uint8_t)(splitmix64(&it->rng) >> 56);
    return WASI_ESUCCESS;
}

static uint32_t fdstat(Interp *it, const uint64_t *a)
{
    if ((uint32_t)a[0] > 2)
        return WASI_EBADF;
    uint8_t *p = at(it, a[1], 24);
    if (!p)
        return WASI_EFAULT;
    memset(p, 0, 24);
    p[0] = 2;                         /* filetype: character device */
    memset(p + 8, 0xFF, 16);          /* every right, base and inherited */
    return WASI_ESUCCESS;
}

static uint32_t two_zeros(Interp *it, const uint64_t *a)
{
    return put32(it, a[0], 0) && put32(it, a[1], 0) ? WASI_ESUCCESS
                                                     : WASI_EFAULT;
}

static bool wizeng_call(Interp *it, int id, uint64_t *args, uint32_t func,
                        InterpError *err)
{
    const uint8_t *p;
    switch (id) {
    case WIZENG_PUTS:
        if (!(p = at(it, (uint32_t)args[0], (uint32_t)args[1]))) {
            interp_fail(err, it, func, 0, "wizeng.puts: bytes outside "
                        "memory");
            return false;
        }
        fwrite(p, 1, (uint32_t)args[1], it->out);
        break;
    case WIZENG_PUTI:
        fprintf(it->out, "%d", (int)(int32_t)(uint32_t)args[0]);
        break;
    case WIZENG_PUTC: fputc((int)(uint8_t)args[0], it->out); break;
    case WIZENG_RDTSC: args[0] = (it->clock += 1000); return true;
    default:
        interp_fail(err, it, func, 0, "the monitor called wizeng.%s",
                    id == WIZENG_CRASH ? "crash" : "error");
        return false;
    }
    fflush(it->out);
    return true;
}

bool interp_wasi_call(Interp *it, int id, uint64_t *args, uint32_t func,
                      InterpError *err)
{
    uint32_t r = WASI_ESUCCESS;
    switch (id) {
    case WASI_FD_WRITE: r = fd_write(it, args); break;
    case WASI_PROC_EXIT:
        interp_fail(err, it, UINT32_MAX, 0, "the library called proc_exit(%u)",
                    (uint32_t)args[0]);
        return false;
    case WASI_RANDOM_GET: r = random_get(it, args); break;
    case WASI_CLOCK_TIME_GET:
        it->clock += 1000;
        r = put64(it, args[2], it->clock) ? WASI_ESUCCESS : WASI_EFAULT;
        break;
    case WASI_CLOCK_RES_GET:
        r = put64(it, args[1], 1000) ? WASI_ESUCCESS : WASI_EFAULT;
        break;
    case WASI_ARGS_SIZES_GET: case WASI_ENVIRON_SIZES_GET:
        r = two_zeros(it, args);
        break;
    case WASI_ARGS_GET: case WASI_ENVIRON_GET: break;
    case WASI_FD_FDSTAT_GET: r = fdstat(it, args); break;
    case WASI_FD_SEEK: r = WASI_ESPIPE; break;
    case WASI_FD_CLOSE: break;
    case WASI_FD_PRESTAT_GET: case WASI_FD_PRESTAT_DIR_NAME:
    case WASI_PATH_OPEN: r = WASI_EBADF; break; /* no directories */
    case WIZENG_PUTS: case WIZENG_PUTI: case WIZENG_PUTC:
    case WIZENG_RDTSC: case WIZENG_CRASH: case WIZENG_ERROR:
        return wizeng_call(it, id, args, func, err);
    default:
        interp_fail(err, it, func, 0, "no such host function %d", id);
        return false;
    }
    args[0] = r;
    return true;
}
