/* test_fmt.c -- the runtime's number formatting (core/runtime/fmt.c),
 * compiled natively: hand-derived cases of the report's number format, then
 * properties on many values: the output reads back (strtod/strtof) as the
 * same value, and no string with one digit fewer does. */
#include "runtime/fmt.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

static void expect(const char *what, const char *got, size_t len,
                   const char *want)
{
    checks++;
    if (len != strlen(want) || memcmp(got, want, len) != 0) {
        failures++;
        fprintf(stderr, "%s: got '%.*s', want '%s'\n", what, (int)len, got,
                want);
    }
}

static void f64_is(double v, const char *want)
{
    char buf[RT_FMT_MAX];
    expect("f64", buf, rt_fmt_f64(buf, v), want);
}

static void f32_is(float v, const char *want)
{
    char buf[RT_FMT_MAX];
    expect("f32", buf, rt_fmt_f32(buf, v), want);
}

/* Every expectation here follows from the definition: the shortest
 * decimal that reads back as the value, in d.ddd e N form. */
static void known_values(void)
{
    f64_is(2.0, "+2e0");            /* spec examples */
    f64_is(1000.18, "+1.00018e3");
    f64_is(-1.1, "-1.1e0");
    f32_is(FLT_MAX, "+3.4028235e38");
    f64_is(-0.0, "-0e0");
    f64_is(0.0, "+0e0");
    f64_is(INFINITY, "+inf");
    f64_is(-INFINITY, "-inf");
    f64_is(NAN, "NaN");
    f32_is(NAN, "NaN");
    f64_is(0.1, "+1e-1");           /* shortest, not 1.0000000000000001 */
    f32_is(0.1f, "+1e-1");          /* f32 shortest is its own */
    f64_is((double)0.1f, "+1.0000000149011612e-1");
    f64_is(123456.0, "+1.23456e5");
    f64_is(1e21, "+1e21");
    f64_is(1e-7, "+1e-7");
    f64_is(DBL_MAX, "+1.7976931348623157e308");
    f64_is(DBL_MIN, "+2.2250738585072014e-308");
    f64_is(4.9406564584124654e-324, "+5e-324");  /* smallest subnormal */
    f32_is(1.4e-45f, "+1e-45");                   /* smallest f32 subnormal */
    f32_is(FLT_MIN, "+1.1754944e-38");
    f32_is(16777216.0f, "+1.6777216e7");
    f64_is(9007199254740992.0, "+9.007199254740992e15");  /* 2^53 */
    f64_is(5e-324 * 3, "+1.5e-323");
    f64_is(1.0 / 3.0, "+3.333333333333333e-1");
    f32_is(1.0f / 3.0f, "+3.3333334e-1");
}

static void integers(void)
{
    char buf[RT_FMT_MAX];
    expect("u64", buf, rt_fmt_u64(buf, 0), "0");
    expect("u64", buf, rt_fmt_u64(buf, 18446744073709551615ull),
           "18446744073709551615");
    expect("i64", buf, rt_fmt_i64(buf, -9223372036854775807ll - 1),
           "-9223372036854775808");
    expect("i64", buf, rt_fmt_i64(buf, -42), "-42");
    expect("i64", buf, rt_fmt_i64(buf, 7), "7");
}

/* "+d.ddde-N" -> the same number in C syntax (it already is). */
static int digits_of(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len && s[i] != 'e'; i++)
        n += s[i] >= '0' && s[i] <= '9';
    return n;
}

/* Is there a decimal with `digits` significant digits that reads back as
 * v?  The candidates nearest to v are its rounding down and up. */
static bool shorter_exists(double v, int digits, bool is_f32)
{
    if (digits < 1)
        return false;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", digits - 1, v);
    double lo = strtod(buf, NULL);
    for (int step = -1; step <= 1; step++) {
        /* the neighbours of the correctly rounded candidate */
        char *e = strchr(buf, 'e');
        double mant = strtod(buf, NULL) / pow(10, atoi(e + 1));
        double cand = (mant + step * pow(10, -(digits - 1))) *
                      pow(10, atoi(e + 1));
        char b2[64];
        snprintf(b2, sizeof b2, "%.*e", digits - 1, cand);
        if (is_f32 ? strtof(b2, NULL) == (float)v : strtod(b2, NULL) == v)
            return true;
    }
    (void)lo;
    return false;
}

static void check_roundtrip_f64(double v)
{
    char buf[RT_FMT_MAX + 1];
    size_t n = rt_fmt_f64(buf, v);
    buf[n] = '\0';
    checks++;
    double back = strtod(buf, NULL);
    if (back != v || shorter_exists(v, digits_of(buf, n) - 1, false)) {
        failures++;
        fprintf(stderr, "f64 %.17g -> %s (reads back %.17g)\n", v, buf, back);
    }
}

static void check_roundtrip_f32(float v)
{
    char buf[RT_FMT_MAX + 1];
    size_t n = rt_fmt_f32(buf, v);
    buf[n] = '\0';
    checks++;
    float back = strtof(buf, NULL);
    if (back != v || shorter_exists(v, digits_of(buf, n) - 1, true)) {
        failures++;
        fprintf(stderr, "f32 %.9g -> %s (reads back %.9g)\n", v, buf, back);
    }
}

/* xorshift64*: deterministic bit patterns over the whole range */
static uint64_t rng(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ull;
}

static void properties(void)
{
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 200000; i++) {
        union { uint64_t u; double d; } x = {rng(&seed)};
        if (isfinite(x.d) && x.d != 0)
            check_roundtrip_f64(x.d);
        union { uint32_t u; float f; } y = {(uint32_t)rng(&seed)};
        if (isfinite(y.f) && y.f != 0)
            check_roundtrip_f32(y.f);
    }
    for (int e = -1074; e <= 1023; e++) { /* every power of two */
        check_roundtrip_f64(ldexp(1.0, e));
        check_roundtrip_f64(nextafter(ldexp(1.0, e), INFINITY));
        check_roundtrip_f64(nextafter(ldexp(1.0, e), 0));
    }
    for (int e = -149; e <= 127; e++)
        check_roundtrip_f32(ldexpf(1.0f, e));
    for (int i = 1; i < 100000; i++) /* short decimals */
        check_roundtrip_f64(i / 1000.0);
}

/* The minimality oracle must be able to fail: 0.1 has a 1-digit form,
 * 1/3 has no 15-digit one, and 17 digits of 0.1 are not shortest. */
static void oracle_self_check(void)
{
    checks += 3;
    if (!shorter_exists(0.1, 1, false) || shorter_exists(1.0 / 3.0, 15, false)
        || !shorter_exists(0.1, 16, false)) {
        failures++;
        fprintf(stderr, "the minimality oracle is broken\n");
    }
}

int main(void)
{
    oracle_self_check();
    known_values();
    integers();
    properties();
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
