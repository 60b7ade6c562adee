/* runtime.h -- the instrumentation runtime's interface to emitted code
 * (design.md §3 "Output is self-contained"; report format: language.md
 * §10.3).  The runtime is freestanding C compiled to a PIC Wasm library
 * and merged into the instrumented module (wasm_merge_library); these
 * functions are its exports.  All pointers are addresses in the memory the
 * runtime was merged into.
 *
 * The report.  Everything in a CSV row but the value is known when the
 * module is instrumented, so the emitter lays out a static table of rows:
 * each names its text prefix ("4, memaddr, count, u32, i32, script0, main,
 * 1, 20, 0_wasm:opcode:br_if:before, "), the address of its value and a
 * type descriptor.  The runtime prints the banner, then every row's prefix
 * and formatted value, through WASI fd_write on stdout.
 *
 * Type descriptors (one character per scalar, in memory order; values are
 * packed with the sizes of language.md §3.1, no padding):
 *   B u8  b i8  H u16  h i16  I u32  i i32  L u64  l i64  f f32  d f64
 *   ? bool (4 bytes)  s str (u32 address, u32 length)
 *   ( ... ) a tuple of the descriptors inside, e.g. "(i(ii))"
 */
#ifndef WHAMM_RUNTIME_H
#define WHAMM_RUNTIME_H

#include <stdint.h>

typedef struct {
    uint32_t text;       /* address of the row's prefix text */
    uint32_t text_len;
    uint32_t value;      /* address of the value */
    uint32_t type;       /* address of the NUL-terminated type descriptor */
} WhammRtRow;

/* Prints the report: an empty line, the banner, the column header, then
 * one line per row (language.md §10.3).  Returns 0, or the WASI errno of a
 * failed write. */
int32_t whamm_rt_report(const WhammRtRow *rows, uint32_t nrows);

/* Formats one value by its descriptor into the output (the report rows and
 * the putX built-ins use it); returns the descriptor's end. */
const char *whamm_rt_put_value(const char *type, const uint8_t *value);
/* Appends raw bytes to the output / writes the output out (fd_write). */
void whamm_rt_put_bytes(const uint8_t *bytes, uint32_t len);
int32_t whamm_rt_flush(void);

/* Strings (str.c): byte equality, prefix, suffix and substring tests of
 * (address, length) pairs; each returns 1 or 0. */
int32_t whamm_rt_str_eq(const uint8_t *a, uint32_t alen, const uint8_t *b,
                        uint32_t blen);
int32_t whamm_rt_str_starts(const uint8_t *s, uint32_t len,
                            const uint8_t *prefix, uint32_t plen);
int32_t whamm_rt_str_ends(const uint8_t *s, uint32_t len,
                          const uint8_t *suffix, uint32_t slen);
int32_t whamm_rt_str_contains(const uint8_t *s, uint32_t len,
                              const uint8_t *needle, uint32_t nlen);
/* Writes "whamm: <msg>" and a newline to stderr, then traps: the run-time
 * errors of emitted code (read_str out of state memory). */
_Noreturn void whamm_rt_fail(const uint8_t *msg, uint32_t len);

#endif
