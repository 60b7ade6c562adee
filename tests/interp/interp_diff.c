/* interp_diff.c -- the interpreter's half of the differential test
 * (diff.sh): calls f0..fN-1 of a module and prints each result the way
 * diff.mjs does under node: "fK TYPE BITS" in hex, "fK TYPE nan" for any
 * NaN, or "fK trap".
 *
 *   interp_diff MODULE.wasm COUNT
 */
#include "interp/interp.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(uint32_t k, const InterpValue *v)
{
    uint32_t b;
    switch (v->type) {
    case WASM_I32: printf("f%u i32 %" PRIx32 "\n", k, v->v.i32); break;
    case WASM_I64: printf("f%u i64 %" PRIx64 "\n", k, v->v.i64); break;
    case WASM_F32:
        memcpy(&b, &v->v.f32, 4);
        if (isnan(v->v.f32))
            printf("f%u f32 nan\n", k);
        else
            printf("f%u f32 %" PRIx32 "\n", k, b);
        break;
    default:
        if (isnan(v->v.f64))
            printf("f%u f64 nan\n", k);
        else
            printf("f%u f64 %" PRIx64 "\n", k, v->v.i64);
        break;
    }
}

int main(int argc, char **argv)
{
    Buf wasm;
    char msg[256];
    WasmError werr;
    WasmModule m;
    InterpError err;
    if (argc != 3) {
        fprintf(stderr, "usage: interp_diff MODULE.wasm COUNT\n");
        return 2;
    }
    buf_init(&wasm);
    if (!file_read_all(argv[1], &wasm, msg, sizeof msg)) {
        fprintf(stderr, "interp_diff: %s\n", msg);
        return 2;
    }
    if (!wasm_module_read(&m, wasm.data, wasm.len, NULL, &werr)) {
        fprintf(stderr, "interp_diff: %s\n", werr.msg);
        return 2;
    }
    Interp *it = interp_new(&m, NULL, &err);
    if (!it) {
        fprintf(stderr, "interp_diff: %s\n", err.msg);
        return 1;
    }
    uint32_t n = (uint32_t)strtoul(argv[2], NULL, 10);
    for (uint32_t k = 0; k < n; k++) {
        char name[32];
        InterpValue r;
        uint32_t nr;
        snprintf(name, sizeof name, "f%u", k);
        if (interp_call(it, name, NULL, 0, &r, 1, &nr, &err))
            show(k, &r);
        else if (strstr(err.msg, "cannot run") || strstr(err.msg, "no exp"))
            printf("f%u error: %s\n", k, err.msg);
        else
            printf("f%u trap\n", k);
    }
    interp_free(it);
    wasm_module_fini(&m);
    buf_fini(&wasm);
    return 0;
}
