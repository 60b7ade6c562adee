/* fuzz_read.c -- libFuzzer target for the Wasm reader: any input must be
 * read or rejected with an error, never crash or read out of bounds; an
 * accepted module must write back byte for byte, and every body must open
 * in the editor. */
#include "wasm/wasm.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void open_bodies(WasmModule *m)
{
    Arena a;
    arena_init(&a);
    for (uint32_t f = m->nimported[WASM_EXT_FUNC]; f < m->funcs.n; f++) {
        WasmBodyEditor ed;
        WasmError err;
        if (!wrw_open(&ed, m, f, &a, &err))
            __builtin_trap(); /* the reader accepted this body */
        arena_reset(&a);
    }
    arena_fini(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    WasmModule m;
    WasmError err;
    if (!wasm_module_read(&m, data, size, NULL, &err)) {
        if (err.msg[0] == '\0' || err.offset > size)
            __builtin_trap(); /* every rejection says where and why */
        return 0;
    }
    Buf out;
    buf_init(&out);
    if (!wasm_module_write(&m, &out, &err) || out.len != size ||
        memcmp(out.data, data, size) != 0)
        __builtin_trap(); /* round trip must be exact */
    buf_fini(&out);
    open_bodies(&m);
    wasm_module_fini(&m);
    return 0;
}
