/* wasi.h -- the WASI calls the runtime makes: fd_write (the report, the
 * putX output, the failure message), and for the report's destination
 * (WHAMM_REPORT, docs/instr.md "The report") environ_sizes_get,
 * environ_get, fd_prestat_get, fd_prestat_dir_name, path_open and
 * fd_close.  The merger binds each to the module's import of that name,
 * added when the app lacks it.
 *
 * With a separate state memory WASI still reads and writes memory 0, so
 * the emitter binds every call that takes a pointer to a function of the
 * same type that stages the bytes through a scratch area of memory 0
 * (core/emit/stage.c for fd_write, core/emit/wasi_stage.c for the rest);
 * fd_close takes none and goes to WASI directly.  For environ_get the
 * staging function needs the sizes, so the runtime keeps a contract that
 * WASI itself ignores (see below). */
#ifndef WHAMM_RUNTIME_WASI_H
#define WHAMM_RUNTIME_WASI_H

#include <stdint.h>

typedef struct {
    const uint8_t *buf;
    uint32_t len;
} WasiIovec;

/* fd_prestat_get's result: tag 0 is a directory whose name has name_len
 * bytes (fd_prestat_dir_name gives them, without a NUL). */
typedef struct {
    uint8_t tag;
    uint8_t pad[3];
    uint32_t name_len;
} WasiPrestat;

#define WASI_EBADF 8
#define WASI_EIO 29
#define WASI_ENOMEM 48
#define WASI_LOOKUP_SYMLINK_FOLLOW 1u
#define WASI_O_CREAT 1u
#define WASI_O_TRUNC 8u
#define WASI_RIGHT_FD_WRITE (UINT64_C(1) << 6)

/* Natively (WHAMM_RT_NATIVE, tests/runtime) the test program defines them,
 * which is how a test reads the output and plays the host. */
#ifdef WHAMM_RT_NATIVE
#define WASI_IMPORT(name)
#else
#define WASI_IMPORT(name)                                                    \
    __attribute__((import_module("wasi_snapshot_preview1"),                  \
                   import_name(name)))
#endif

WASI_IMPORT("fd_write")
int32_t whamm_rt_wasi_fd_write(int32_t fd, const WasiIovec *iovs,
                               int32_t niovs, uint32_t *written);

WASI_IMPORT("environ_sizes_get")
int32_t whamm_rt_wasi_environ_sizes_get(uint32_t *count, uint32_t *size);

/* The runtime calls it with environ[0] = count and environ[1] = size as
 * environ_sizes_get said, environ having room for 2 * (4 * count + size)
 * bytes and buf for size bytes; it reads only buf (the "NAME=value"
 * strings, each ended by a NUL, one after another), never the pointers
 * that WASI writes to environ.  The staging function reads count and size
 * there and uses the room after the first 4 * count + size bytes to save
 * memory 0. */
WASI_IMPORT("environ_get")
int32_t whamm_rt_wasi_environ_get(uint32_t *environ, uint8_t *buf);

WASI_IMPORT("fd_prestat_get")
int32_t whamm_rt_wasi_fd_prestat_get(int32_t fd, WasiPrestat *out);

WASI_IMPORT("fd_prestat_dir_name")
int32_t whamm_rt_wasi_fd_prestat_dir_name(int32_t fd, uint8_t *path,
                                          uint32_t len);

WASI_IMPORT("path_open")
int32_t whamm_rt_wasi_path_open(int32_t dirfd, uint32_t dirflags,
                                const uint8_t *path, uint32_t path_len,
                                uint32_t oflags, uint64_t rights_base,
                                uint64_t rights_inheriting, uint32_t fdflags,
                                int32_t *fd);

WASI_IMPORT("fd_close")
int32_t whamm_rt_wasi_fd_close(int32_t fd);

#undef WASI_IMPORT

#endif
