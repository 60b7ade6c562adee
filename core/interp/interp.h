/* interp.h -- a small WebAssembly interpreter, used to evaluate library
 * calls while a module is being instrumented (`@static lib.fn(args)`).
 *
 * Scope: the 2.0 core instruction set without SIMD (integer and float
 * arithmetic, conversions, sign extension, saturating truncation, memory
 * 0 with bulk operations, tables and references, multi-value blocks and
 * functions).  Anything else -- SIMD, atomics, GC, exceptions, tail calls,
 * a 64-bit memory, a second memory -- stops the call with an error that
 * names the instruction and where it is.  The module need not be valid:
 * bodies are checked for stack height and indices before they run, and
 * an invalid one gives an error, never undefined behaviour.
 *
 * Imports: only a handful of `wasi_snapshot_preview1` functions are
 * answered (see wasi.c: output to a host stream, a fixed-seed random
 * source, a fake clock that advances 1 microsecond per query, no
 * arguments or environment).  Any other import makes interp_new fail.
 *
 * Lifetimes: an Interp borrows the WasmModule (and so its input bytes);
 * both must outlive it.  Memory, globals and tables persist across
 * interp_call on the same Interp.
 */
#ifndef WHAMM_INTERP_H
#define WHAMM_INTERP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../wasm/wasm.h"

typedef struct Interp Interp;

/* One Wasm value.  type is a value-type code (WASM_I32, WASM_I64,
 * WASM_F32, WASM_F64, WASM_FUNCREF, WASM_EXTERNREF).  A reference is 0
 * for null, else an opaque non-zero handle (function index + 1). */
typedef struct {
    uint8_t type;
    union {
        uint32_t i32;
        uint64_t i64;
        float f32;
        double f64;
        uint64_t ref;
    } v;
} InterpValue;

typedef struct {
    uint64_t fuel;             /* instructions per call (and for start) */
    uint64_t max_memory_bytes; /* linear memory may not grow beyond this */
    uint32_t max_call_depth;   /* nested Wasm calls */
    FILE *out;                 /* fd 1 and 2 from the start function on
                                  (NULL: stderr); see interp_set_output */
} InterpLimits;

#define INTERP_DEFAULT_FUEL UINT64_C(1000000000)
#define INTERP_DEFAULT_MAX_MEMORY (UINT64_C(256) << 20)
#define INTERP_DEFAULT_MAX_CALL_DEPTH 10000u

/* The defaults above. */
InterpLimits interp_default_limits(void);

typedef struct {
    bool failed;
    char msg[256];             /* whole message, location included */
    uint32_t func;             /* function index, UINT32_MAX if none */
    uint32_t offset;           /* module byte offset of the instruction,
                                  0 when not known */
} InterpError;

/* Instantiates m: imports bound to the WASI subset, memory 0 allocated
 * and active data segments copied, globals evaluated, tables filled from
 * active element segments, then the start function run.  lim NULL means
 * the defaults.  Returns NULL with err set on failure. */
Interp *interp_new(const WasmModule *m, const InterpLimits *lim,
                   InterpError *err);
void interp_free(Interp *it);

/* Where the library's writes to fd 1 and 2 go (default stderr). */
void interp_set_output(Interp *it, FILE *out);

/* Calls the exported function export_name with nargs arguments, whose
 * types must match its parameters.  Its results (up to max_results) are
 * stored in results and their count in *nresults.  False with err set
 * on a trap, an unsupported instruction, a limit reached, a bad argument
 * or too small a result array.  The Interp stays usable after an error;
 * whatever the call changed before it stopped stays changed. */
bool interp_call(Interp *it, const char *export_name,
                 const InterpValue *args, uint32_t nargs,
                 InterpValue *results, uint32_t max_results,
                 uint32_t *nresults, InterpError *err);

/* The same by function index (working index in the module). */
bool interp_call_func(Interp *it, uint32_t func, const InterpValue *args,
                      uint32_t nargs, InterpValue *results,
                      uint32_t max_results, uint32_t *nresults,
                      InterpError *err);

/* Memory 0 as it is now (NULL and 0 without one), e.g. to read a string
 * a call returned the address of.  Valid until the next call. */
uint8_t *interp_memory(Interp *it, uint64_t *len);

/* The raw bits of global `index` (working index) as they are now: i32
 * and f32 in the low 32 bits, i64 and f64 whole (the state a bind-time
 * host freezes into a module, core/wei). */
uint64_t interp_global_bits(const Interp *it, uint32_t index);

/* Instructions executed by the last call (for statistics). */
uint64_t interp_steps(const Interp *it);

#endif
