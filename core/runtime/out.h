/* out.h -- the output buffer's helpers that report.c shares with the map
 * printer and the putX functions (internal to core/runtime; values print
 * as the report shows them).  They are hidden: the merged module exports
 * only runtime.h's functions to the emitter. */
#ifndef WHAMM_RT_OUT_H
#define WHAMM_RT_OUT_H

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

#endif
