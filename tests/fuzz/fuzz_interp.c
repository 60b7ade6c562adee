/* fuzz_interp.c -- libFuzzer target for the interpreter (core/interp):
 * any module the reader accepts is instantiated with small limits and
 * every exported function is called, with arguments taken from the end
 * of the input.  Whatever the module does -- invalid code, traps, endless
 * loops, deep recursion, huge memories -- must end in a result or an
 * error, never a crash, a leak or a hang. */
#include "interp/interp.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    return f ? f : stderr;
}

/* Arguments of the right types, their bits from the input's last bytes. */
static void make_args(const WasmType *t, const uint8_t *data, size_t size,
                      InterpValue *args)
{
    for (uint32_t i = 0; i < t->nparams && i < 16; i++) {
        uint64_t bits = 0;
        if (size >= 8 * (i + 1))
            memcpy(&bits, data + size - 8 * (i + 1), 8);
        args[i].type = t->params[i].code;
        args[i].v.i64 = bits;
        if (args[i].type == WASM_I32 || args[i].type == WASM_F32)
            args[i].v.i32 = (uint32_t)bits;
    }
}

static void call_exports(Interp *it, const WasmModule *m, const uint8_t *data,
                         size_t size)
{
    for (uint32_t e = 0; e < m->exports.n; e++) {
        const WasmExport *x = &m->exports.v[e];
        if (x->kind != WASM_EXT_FUNC || x->index >= m->funcs.n)
            continue;
        const WasmType *t = wasm_func_type(m, x->index);
        if (t->nparams > 16)
            continue;
        InterpValue args[16], results[16];
        uint32_t nr;
        InterpError err;
        make_args(t, data, size, args);
        if (!interp_call_func(it, x->index, args, t->nparams, results, 16,
                              &nr, &err) &&
            err.msg[0] == '\0')
            __builtin_trap(); /* every failure says why */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    WasmModule m;
    WasmError werr;
    if (!wasm_module_read(&m, data, size, NULL, &werr))
        return 0;
    InterpLimits lim = {.fuel = 20000, .max_memory_bytes = 1 << 20,
                        .max_call_depth = 200};
    InterpError err;
    Interp *it = interp_new(&m, &lim, &err);
    if (it) {
        interp_set_output(it, sink());
        call_exports(it, &m, data, size);
        interp_free(it);
    } else if (err.msg[0] == '\0') {
        __builtin_trap();
    }
    wasm_module_fini(&m);
    return 0;
}
