/* out.h -- the output buffer's helpers that report.c shares with the map
 * printer, the putX functions and the destinations (internal to
 * core/runtime; values print as the report shows them).  They are hidden:
 * the merged module exports only runtime.h's functions to the emitter. */
#ifndef WHAMM_RT_OUT_H
#define WHAMM_RT_OUT_H

#include "runtime.h"

#include <stdint.h>

#define RT_INTERNAL __attribute__((visibility("hidden")))

/* Appends a NUL-terminated text to the output. */
RT_INTERNAL void rt_put_cstr(const char *s);
/* Little-endian load of 1..8 bytes from a packed (unaligned) record. */
RT_INTERNAL uint64_t rt_load(const uint8_t *p, int bytes);
/* Bytes of a scalar descriptor ('m' a map address), 0
 * for anything else. */
RT_INTERNAL int rt_scalar_size(char t);
/* Bytes of a whole descriptor (scalar or tuple); *end is set past it. */
RT_INTERNAL uint32_t rt_value_size(const char *t, const char **end);
/* Formats a value the way map keys and values print: tuples as (a,b,c),
 * nested ones alike, scalars as in the report.  Returns the descriptor's
 * end. */
RT_INTERNAL const char *rt_put_map_value(const char *type,
                                         const uint8_t *value);
/* Formats a value as JSON (docs/instr.md "The report"): numbers as
 * numbers, NaN and the infinities as the strings "NaN", "inf", "-inf",
 * bool as true/false, str as a string (a byte that is not part of valid
 * UTF-8 as \u00XX), a tuple as an array, a map as rt_map_put_json does.
 * Returns the descriptor's end. */
RT_INTERNAL const char *rt_put_json_value(const char *type,
                                          const uint8_t *value);
/* Appends len bytes as a JSON string, quotes included. */
RT_INTERNAL void rt_put_json_str(const uint8_t *s, uint32_t len);
/* A map as JSON (map.c): [{"key": K, "value": V}, ...] in the order the
 * CSV report prints it; [] when empty or never made (m NULL). */
RT_INTERNAL void rt_map_put_json(WhammRtMap *m);

/* ---- destinations (dest.c; docs/instr.md "The report") ------------------ */

/* Where the report goes: 1 (stdout), 2 (stderr) or an fd opened for the
 * file WHAMM_REPORT names (*is_file set; *name and *name_len its path, for
 * messages).  The environment is read on the first call; later calls give
 * the same answer.  Without WHAMM_RT_DEST_ENV in flags it is stdout.  A
 * file that cannot be opened is one line on stderr, then stdout. */
RT_INTERNAL int32_t rt_report_destination(uint32_t flags, int *is_file,
                                          const uint8_t **name,
                                          uint32_t *name_len);
/* Writes "whamm: cannot write the report to NAME: REASON" (or "cannot
 * write to NAME" when report is 0) and a newline to stderr, directly (not
 * through the buffer); returns fd_write's errno. */
RT_INTERNAL int32_t rt_say_cannot_write(int report, const uint8_t *name,
                                        uint32_t name_len, int32_t err);

#ifdef WHAMM_RT_NATIVE
/* tests/runtime: each test case is a new program (report.c, dest.c). */
void rt_native_reset_out(void);
void rt_native_reset_dest(void);
#endif

#endif
