/* fuzz_read.c -- libFuzzer target for the Wasm reader and writer: any
 * input must be read or rejected with an error, never crash or read out
 * of bounds; reading and validating in one pass must decide as reading
 * and then validating do, with the same first error; an accepted module
 * must write back byte for byte, every body must open in the editor, and
 * with an import added in front of the defined functions (renumbering
 * every function reference) the written module must read back. */
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

/* Adds env.fuzz : () -> () in front of the defined functions and checks
 * that the renumbered module reads back with one more function. */
static void renumbered_reads_back(WasmModule *m)
{
    if (m->has_reloc)
        return; /* refused by design: object files are not renumbered */
    uint32_t type = wasm_add_func_type(m, NULL, 0, NULL, 0);
    wasm_add_import_func(m, "env", "fuzz", type);
    Buf out;
    buf_init(&out);
    WasmError err;
    if (!wasm_module_write(m, &out, &err))
        __builtin_trap();
    WasmModule back;
    if (!wasm_module_read(&back, out.data, out.len, NULL, &err) ||
        back.funcs.n != m->funcs.n)
        __builtin_trap();
    wasm_module_fini(&back);
    buf_fini(&out);
}

/* wasm_module_read_validated against wasm_module_read, then
 * wasm_module_validate. */
static void one_pass_agrees(const uint8_t *data, size_t size)
{
    WasmModule m;
    WasmError two, one;
    bool ok2 = wasm_module_read(&m, data, size, NULL, &two);
    if (ok2) {
        ok2 = wasm_module_validate(&m, &two);
        wasm_module_fini(&m);
    }
    bool ok1 = wasm_module_read_validated(&m, data, size, NULL, &one);
    if (ok1)
        wasm_module_fini(&m);
    if (ok1 != ok2 || (!ok1 && (one.offset != two.offset ||
                                strcmp(one.msg, two.msg) != 0)))
        __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one_pass_agrees(data, size);
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
    renumbered_reads_back(&m);
    wasm_module_fini(&m);
    return 0;
}
