/* libwasi.c -- the WASI calls of user libraries (runtime.h whamm_rt_lib_*).
 *
 * A library's memory is a region of whamm's memory, so each address it
 * passes is moved by the region's base before the runtime touches it.
 * Output goes through the runtime's own fd_write (staged through memory 0
 * when whamm's memory is not memory 0).  The rest is answered here, the
 * way a library inside a probe should see the world: stdin, stdout and
 * stderr only (character devices that cannot seek and are never closed),
 * no arguments, no environment, and "random" bytes from a generator with
 * a fixed seed, so that runs repeat. */
#include "runtime.h"

#include "mem.h"
#include "wasi.h"

#define WASI_ESPIPE 70
#define WASI_FILETYPE_CHARACTER_DEVICE 2
#define WASI_RIGHT_FD_READ (UINT64_C(1) << 1)
#define IOV_CHUNK 16u

static uint8_t *at(uint32_t base, uint32_t addr)
{
    return rt_ptr(base + addr);
}

static void put_u32(uint32_t base, uint32_t addr, uint32_t v)
{
    uint8_t *p = at(base, addr);
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_u32(uint32_t base, uint32_t addr)
{
    const uint8_t *p = at(base, addr);
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static int is_stdio(int32_t fd)
{
    return fd >= 0 && fd <= 2;
}

/* The library's iovecs in chunks, each with its buffers moved by base. */
int32_t whamm_rt_lib_fd_write(uint32_t base, int32_t fd, uint32_t iovs,
                              uint32_t n, uint32_t nwritten)
{
    if (fd != 1 && fd != 2)
        return WASI_EBADF;
    uint32_t total = 0;
    for (uint32_t i = 0; i < n; i += IOV_CHUNK) {
        WasiIovec v[IOV_CHUNK];
        uint32_t k = n - i < IOV_CHUNK ? n - i : IOV_CHUNK, want = 0;
        for (uint32_t j = 0; j < k; j++) {
            uint32_t iov = iovs + 8 * (i + j);
            v[j].buf = at(base, get_u32(base, iov));
            v[j].len = get_u32(base, iov + 4);
            want += v[j].len;
        }
        uint32_t written = 0;
        int32_t err = whamm_rt_wasi_fd_write(fd, v, k, &written);
        if (err != 0)
            return err;
        total += written;
        if (written < want)
            break;
    }
    put_u32(base, nwritten, total);
    return 0;
}

/* fdstat: filetype u8 at 0, flags u16 at 2, rights u64 at 8 and 16. */
int32_t whamm_rt_lib_fd_fdstat_get(uint32_t base, int32_t fd, uint32_t out)
{
    if (!is_stdio(fd))
        return WASI_EBADF;
    uint8_t *p = at(base, out);
    for (int i = 0; i < 24; i++)
        p[i] = 0;
    p[0] = WASI_FILETYPE_CHARACTER_DEVICE;
    uint64_t rights = fd == 0 ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE;
    for (int i = 0; i < 8; i++)
        p[8 + i] = (uint8_t)(rights >> (8 * i));
    return 0;
}

int32_t whamm_rt_lib_fd_seek(uint32_t base, int32_t fd, int64_t offset,
                             int32_t whence, uint32_t out)
{
    (void)base, (void)offset, (void)whence, (void)out;
    return is_stdio(fd) ? WASI_ESPIPE : WASI_EBADF;
}

/* The app's stdio stays open whatever the library does. */
int32_t whamm_rt_lib_fd_close(uint32_t base, int32_t fd)
{
    (void)base;
    return is_stdio(fd) ? 0 : WASI_EBADF;
}

static int32_t no_strings(uint32_t base, uint32_t count, uint32_t size)
{
    put_u32(base, count, 0);
    put_u32(base, size, 0);
    return 0;
}

int32_t whamm_rt_lib_environ_sizes_get(uint32_t base, uint32_t count,
                                       uint32_t size)
{
    return no_strings(base, count, size);
}

int32_t whamm_rt_lib_args_sizes_get(uint32_t base, uint32_t count,
                                    uint32_t size)
{
    return no_strings(base, count, size);
}

int32_t whamm_rt_lib_environ_get(uint32_t base, uint32_t environ,
                                 uint32_t buf)
{
    (void)base, (void)environ, (void)buf;
    return 0;
}

int32_t whamm_rt_lib_args_get(uint32_t base, uint32_t argv, uint32_t buf)
{
    (void)base, (void)argv, (void)buf;
    return 0;
}

/* xorshift64*, seeded once per run. */
int32_t whamm_rt_lib_random_get(uint32_t base, uint32_t buf, uint32_t len)
{
    static uint64_t state = UINT64_C(0x9E3779B97F4A7C15);
    uint8_t *p = at(base, buf);
    for (uint32_t i = 0; i < len; i++) {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        p[i] = (uint8_t)((state * UINT64_C(0x2545F4914F6CDD1D)) >> 56);
    }
    return 0;
}

int32_t whamm_rt_lib_sched_yield(uint32_t base)
{
    (void)base;
    return 0;
}

int32_t whamm_rt_lib_fd_prestat_get(uint32_t base, int32_t fd, uint32_t out)
{
    (void)base, (void)fd, (void)out;
    return WASI_EBADF;
}

int32_t whamm_rt_lib_fd_prestat_dir_name(uint32_t base, int32_t fd,
                                         uint32_t path, uint32_t len)
{
    (void)base, (void)fd, (void)path, (void)len;
    return WASI_EBADF;
}

int32_t whamm_rt_lib_path_open(uint32_t base, int32_t dirfd,
                               uint32_t dirflags, uint32_t path,
                               uint32_t path_len, uint32_t oflags,
                               uint64_t rights_base,
                               uint64_t rights_inheriting, uint32_t fdflags,
                               uint32_t fd)
{
    (void)base, (void)dirfd, (void)dirflags, (void)path, (void)path_len;
    (void)oflags, (void)rights_base, (void)rights_inheriting, (void)fdflags;
    (void)fd;
    return WASI_EBADF;
}
