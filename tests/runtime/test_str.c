/* test_str.c -- the runtime's string helpers (core/runtime/str.c),
 * compiled natively: equality, prefix, suffix and substring tests of
 * (address, length) pairs, edge cases derived by hand (empty strings,
 * equal lengths, a needle longer than the string, embedded NUL bytes,
 * matches at the very start and end), then every substring of a sample
 * checked against a naive search. */
#include "runtime/runtime.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int failures, checks;

typedef int32_t (*StrFn)(const uint8_t *, uint32_t, const uint8_t *,
                         uint32_t);

static void expect(const char *name, StrFn fn, const char *s, uint32_t slen,
                   const char *p, uint32_t plen, int32_t want)
{
    checks++;
    int32_t got = fn((const uint8_t *)s, slen, (const uint8_t *)p, plen);
    if (got != want) {
        failures++;
        fprintf(stderr, "%s('%.*s', '%.*s') = %d, want %d\n", name,
                (int)slen, s, (int)plen, p, got, want);
    }
}

#define CASE(fn, s, p, want) \
    expect(#fn, fn, s, sizeof s - 1, p, sizeof p - 1, want)

static void hand_cases(void)
{
    CASE(whamm_rt_str_eq, "", "", 1);
    CASE(whamm_rt_str_eq, "abc", "abc", 1);
    CASE(whamm_rt_str_eq, "abc", "abd", 0);
    CASE(whamm_rt_str_eq, "abc", "ab", 0);
    CASE(whamm_rt_str_eq, "a\0b", "a\0c", 0);
    CASE(whamm_rt_str_eq, "a\0b", "a\0b", 1);
    CASE(whamm_rt_str_starts, "hello", "", 1);
    CASE(whamm_rt_str_starts, "hello", "he", 1);
    CASE(whamm_rt_str_starts, "hello", "hello", 1);
    CASE(whamm_rt_str_starts, "hello", "hello!", 0);
    CASE(whamm_rt_str_starts, "hello", "el", 0);
    CASE(whamm_rt_str_ends, "hello", "", 1);
    CASE(whamm_rt_str_ends, "hello", "llo", 1);
    CASE(whamm_rt_str_ends, "hello", "hello", 1);
    CASE(whamm_rt_str_ends, "hello", "ohello", 0);
    CASE(whamm_rt_str_ends, "hello", "hell", 0);
    CASE(whamm_rt_str_contains, "", "", 1);
    CASE(whamm_rt_str_contains, "", "a", 0);
    CASE(whamm_rt_str_contains, "hello", "", 1);
    CASE(whamm_rt_str_contains, "hello", "h", 1);
    CASE(whamm_rt_str_contains, "hello", "o", 1);
    CASE(whamm_rt_str_contains, "hello", "ll", 1);
    CASE(whamm_rt_str_contains, "hello", "lo!", 0);
    CASE(whamm_rt_str_contains, "aaab", "aab", 1);
    CASE(whamm_rt_str_contains, "x\0yz", "\0y", 1);
}

static bool naive_contains(const char *s, size_t n, const char *p, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, p, m) == 0)
            return true;
    return false;
}

/* Every substring of the sample is contained in it, and is a prefix or
 * suffix exactly when it equals those bytes; with its last byte changed it
 * is contained when a naive search finds it. */
static void substrings(void)
{
    static const char s[] = "abracadabra\0cab";
    const uint32_t n = sizeof s - 1;
    for (uint32_t i = 0; i <= n; i++) {
        for (uint32_t m = 0; i + m <= n; m++) {
            char p[sizeof s];
            memcpy(p, s + i, m);
            expect("contains", whamm_rt_str_contains, s, n, p, m, 1);
            /* a substring taken elsewhere may still equal the start */
            expect("starts", whamm_rt_str_starts, s, n, p, m,
                   memcmp(s, p, m) == 0);
            expect("ends", whamm_rt_str_ends, s, n, p, m,
                   memcmp(s + n - m, p, m) == 0);
            if (m == 0)
                continue;
            p[m - 1] = 'z';
            expect("contains'", whamm_rt_str_contains, s, n, p, m,
                   naive_contains(s, n, p, m));
        }
    }
}

int main(void)
{
    hand_cases();
    substrings();
    if (failures)
        fprintf(stderr, "%d of %d checks failed\n", failures, checks);
    else
        printf("runtime.str: %d checks passed\n", checks);
    return failures != 0;
}
