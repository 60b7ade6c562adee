/* str.c -- string helpers of the runtime (runtime.h): strcmp/strcontains
 * and the str methods when their strings are known only at run time.  A
 * whamm string is (address, length) in the memory the runtime was merged
 * into: no terminator, no alignment.  Pure functions: tests/runtime builds
 * them natively. */
#include "runtime.h"

#include <stddef.h>

int32_t whamm_rt_str_eq(const uint8_t *a, uint32_t alen, const uint8_t *b,
                        uint32_t blen)
{
    if (alen != blen)
        return 0;
    for (uint32_t i = 0; i < alen; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

int32_t whamm_rt_str_starts(const uint8_t *s, uint32_t len,
                            const uint8_t *prefix, uint32_t plen)
{
    return plen <= len && whamm_rt_str_eq(s, plen, prefix, plen);
}

int32_t whamm_rt_str_ends(const uint8_t *s, uint32_t len,
                          const uint8_t *suffix, uint32_t slen)
{
    return slen <= len && whamm_rt_str_eq(s + (len - slen), slen, suffix, slen);
}

int32_t whamm_rt_str_contains(const uint8_t *s, uint32_t len,
                              const uint8_t *needle, uint32_t nlen)
{
    if (nlen > len)
        return 0;
    for (uint32_t at = 0; at <= len - nlen; at++)
        if (whamm_rt_str_eq(s + at, nlen, needle, nlen))
            return 1;
    return 0;
}
