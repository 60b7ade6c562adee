/* interp_bench.c -- the driver of bench/interp.sh: calls an export of a
 * module through interp_call over and over for about SECONDS and prints
 * the call rate and the instruction rate.
 *
 *   interp_bench MODULE.wasm EXPORT ARG SECONDS
 *
 * The export takes one i32 (ARG, plus the call number for variety, mod
 * 256) or none; its result is folded into a checksum that is printed so
 * that the calls cannot be skipped.
 */
#define _POSIX_C_SOURCE 200809L
#include "interp/interp.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: interp_bench MODULE.wasm EXPORT ARG SECONDS\n");
        return 2;
    }
    Buf wasm;
    char msg[256];
    WasmError werr;
    WasmModule m;
    InterpError err;
    buf_init(&wasm);
    if (!file_read_all(argv[1], &wasm, msg, sizeof msg) ||
        !wasm_module_read(&m, wasm.data, wasm.len, NULL, &werr)) {
        fprintf(stderr, "interp_bench: cannot read %s\n", argv[1]);
        return 1;
    }
    Interp *it = interp_new(&m, NULL, &err);
    int32_t e = wasm_find_export(&m, argv[2], WASM_EXT_FUNC);
    if (!it || e < 0) {
        fprintf(stderr, "interp_bench: %s\n", it ? "no such export" : err.msg);
        return 1;
    }
    uint32_t nparams = wasm_func_type(&m, m.exports.v[e].index)->nparams;
    uint32_t arg = (uint32_t)strtoul(argv[3], NULL, 0);
    double seconds = strtod(argv[4], NULL), t0 = now(), t = t0;
    uint64_t calls = 0, steps = 0, sum = 0;
    int batch = 1; /* calls between clock reads: 1000 for short calls */
    while (t - t0 < seconds) {
        for (int k = 0; k < batch; k++, calls++) {
            InterpValue a = {.type = WASM_I32};
            InterpValue r = {0};
            uint32_t nr;
            a.v.i32 = arg + (uint32_t)(calls & 255);
            if (!interp_call(it, argv[2], &a, nparams, &r, 1, &nr, &err)) {
                fprintf(stderr, "interp_bench: %s\n", err.msg);
                return 1;
            }
            sum += r.v.i64;
            steps += interp_steps(it);
        }
        t = now();
        batch = steps / calls < 10000 ? 1000 : 1;
    }
    double dt = t - t0;
    printf("%s(%u): %llu calls in %.2f s: %.0f calls/s, %.1f M instr/s, "
           "%.1f instr/call (checksum %llx)\n",
           argv[2], arg, (unsigned long long)calls, dt, (double)calls / dt,
           (double)steps / dt / 1e6, (double)steps / (double)calls,
           (unsigned long long)sum);
    interp_free(it);
    wasm_module_fini(&m);
    buf_fini(&wasm);
    return 0;
}
