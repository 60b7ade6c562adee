/* fmt.h -- number formatting for the instrumentation runtime (numbers as
 * the report and the putX functions print them).  Freestanding C: no libc,
 * so it can be compiled to a PIC Wasm library and merged into instrumented
 * modules (docs/wasm-core.md "Merging a library module"), and natively for
 * tests.
 *
 * Each function writes into out (no NUL) and returns the length.  out must
 * hold RT_FMT_MAX bytes. */
#ifndef WHAMM_RT_FMT_H
#define WHAMM_RT_FMT_H

#include <stddef.h>
#include <stdint.h>

#define RT_FMT_MAX 32

size_t rt_fmt_u64(char *out, uint64_t v);
size_t rt_fmt_i64(char *out, int64_t v);
/* Rust's {:+e}: the shortest digits that read back as the same value,
 * explicit sign, exponent without sign or padding: +2e0, +1.00018e3,
 * -1.1e0, +3.4028235e38 (f32), -0e0, +inf, -inf, NaN. */
size_t rt_fmt_f64(char *out, double v);
size_t rt_fmt_f32(char *out, float v);

#endif
