/* emit.h -- the emitter: code whamm generates into instrumented modules
 * (design.md §3).  So far: the output path for a separate state memory. */
#ifndef WHAMM_EMIT_H
#define WHAMM_EMIT_H

#include "../wasm/wasm.h"

/* Where staged output goes through memory 0 (design.md §3 "Memory": with a
 * separate state memory, text is staged through a small scratch area of
 * memory 0 that is saved and restored around the write). */
typedef struct {
    uint32_t state_memory;   /* working index of the state memory */
    uint32_t scratch;        /* address of the scratch area in memory 0 */
    uint32_t save;           /* address of the save area in the state memory */
    uint32_t size;           /* bytes of each area; at least 64 */
    uint32_t fd_write;       /* working index of WASI fd_write */
} EmitStageOptions;

/* Adds a function with fd_write's signature (fd, iovs, iovs_len, nwritten)
 * -> errno whose iovecs, buffers and nwritten live in the state memory:
 * it copies the text through the scratch area in chunks, calls the real
 * fd_write on memory 0 and restores the scratch bytes after each call.
 * Returns its working index (bind the runtime's fd_write import to it). */
uint32_t emit_stage_write(WasmModule *m, const EmitStageOptions *opt);

#endif
