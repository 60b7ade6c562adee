/* wasi.h -- the one WASI call the runtime makes (fd_write), shared by the
 * report writer and the failure message.  With a separate state memory
 * the emitter binds it to a function that stages the text through memory
 * 0 (core/emit/stage.c). */
#ifndef WHAMM_RUNTIME_WASI_H
#define WHAMM_RUNTIME_WASI_H

#include <stdint.h>

typedef struct {
    const uint8_t *buf;
    uint32_t len;
} WasiIovec;

/* Natively (WHAMM_RT_NATIVE, tests/runtime) the test program defines it,
 * which is how a test reads the output. */
#ifndef WHAMM_RT_NATIVE
__attribute__((import_module("wasi_snapshot_preview1"),
               import_name("fd_write")))
#endif
int32_t whamm_rt_wasi_fd_write(int32_t fd, const WasiIovec *iovs,
                               int32_t niovs, uint32_t *written);

#endif
