/* fmt.c -- decimal formatting of integers and floats (fmt.h).
 *
 * Floats use the free-format algorithm of Burger and Dybvig ("Printing
 * floating-point numbers quickly and accurately", 1996), itself Steele and
 * White's: with exact big-integer arithmetic it generates the shortest
 * digit string that lies strictly inside (or, for an even mantissa, on the
 * edge of) the interval of reals that round to the value, and it rounds
 * the last digit to the nearer one.  That is the output Rust's shortest
 * {:e} formatting produces.  The numbers involved stay below 2^1280, so a
 * fixed array of 40 32-bit words is enough and nothing is allocated. */
#include "fmt.h"

/* ---- integers --------------------------------------------------------------- */

size_t rt_fmt_u64(char *out, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

size_t rt_fmt_i64(char *out, int64_t v)
{
    if (v >= 0)
        return rt_fmt_u64(out, (uint64_t)v);
    out[0] = '-';
    /* negate in unsigned arithmetic: INT64_MIN has no positive twin */
    return 1 + rt_fmt_u64(out + 1, (uint64_t)0 - (uint64_t)v);
}

/* ---- big unsigned integers ----------------------------------------------------- */

#define BIG_WORDS 40

typedef struct {
    uint32_t w[BIG_WORDS]; /* little-endian */
    int n;                 /* words in use; w[n-1] != 0 unless n == 0 */
} Big;

static void big_set(Big *b, uint64_t v)
{
    b->n = 0;
    while (v) {
        b->w[b->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void big_mul_small(Big *b, uint32_t m)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->w[i] * m + carry;
        b->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry)
        b->w[b->n++] = (uint32_t)carry;
}

static void big_shl(Big *b, int bits)
{
    int words = bits / 32, rest = bits % 32;
    if (b->n == 0)
        return;
    if (rest) {
        uint32_t carry = 0;
        for (int i = 0; i < b->n; i++) {
            uint32_t w = b->w[i];
            b->w[i] = (w << rest) | carry;
            carry = w >> (32 - rest);
        }
        if (carry)
            b->w[b->n++] = carry;
    }
    if (words) {
        for (int i = b->n - 1; i >= 0; i--)
            b->w[i + words] = b->w[i];
        for (int i = 0; i < words; i++)
            b->w[i] = 0;
        b->n += words;
    }
}

static void big_mul_pow10(Big *b, int k)
{
    for (; k >= 9; k -= 9)
        big_mul_small(b, 1000000000u);
    static const uint32_t small[9] = {1, 10, 100, 1000, 10000, 100000,
                                      1000000, 10000000, 100000000};
    if (k > 0)
        big_mul_small(b, small[k]);
}

static int big_cmp(const Big *a, const Big *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static void big_add(Big *out, const Big *a, const Big *b)
{
    const Big *lo = a->n < b->n ? a : b, *hi = a->n < b->n ? b : a;
    uint64_t carry = 0;
    int i = 0;
    for (; i < hi->n; i++) {
        uint64_t t = (uint64_t)hi->w[i] + (i < lo->n ? lo->w[i] : 0) + carry;
        out->w[i] = (uint32_t)t;
        carry = t >> 32;
    }
    out->n = hi->n;
    if (carry)
        out->w[out->n++] = (uint32_t)carry;
}

/* a -= b, for a >= b */
static void big_sub(Big *a, const Big *b)
{
    int64_t borrow = 0;
    for (int i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
        borrow = t < 0;
        a->w[i] = (uint32_t)(t + (borrow << 32));
    }
    while (a->n > 0 && a->w[a->n - 1] == 0)
        a->n--;
}

/* The next digit: q = r / s (0..9), r = r % s. */
static int big_digit(Big *r, const Big *s)
{
    int q = 0;
    while (big_cmp(r, s) >= 0) {
        big_sub(r, s);
        q++;
    }
    return q;
}

/* ---- shortest digits (Burger & Dybvig) ------------------------------------------------ */

typedef struct {
    char d[20];      /* digits */
    int n;           /* how many */
    int exp10;       /* value = 0.d1d2... * 10^exp10 */
} Digits;

static int bit_length(uint64_t v)
{
    int n = 0;
    while (v) {
        n++;
        v >>= 1;
    }
    return n;
}

/* A lower bound of k = ceil(log10(f * 2^e)), at most two below it:
 * floor(top * log10(2)) with 2^top <= v < 2^(top+1); 78913 / 2^18 gives
 * that floor exactly for |top| < 1650.  shortest() raises it to k. */
static int estimate_k(uint64_t f, int e)
{
    long top = (long)e + bit_length(f) - 1;
    long t = top * 78913;
    return (int)(t >= 0 ? t >> 18 : -((-t + 262143) >> 18));
}

/* r/s is the value, mp/mm the distances to the neighbours' midpoints. */
static void setup(uint64_t f, int e, int p, int min_e, Big *r, Big *s,
                  Big *mp, Big *mm)
{

    int boundary = f == ((uint64_t)1 << (p - 1)) && e > min_e;
    big_set(r, f);
    if (e >= 0) {
        big_shl(r, e + 1 + boundary);
        big_set(s, 2u << boundary);
        big_set(mp, 1);
        big_shl(mp, e + boundary);
        big_set(mm, 1);
        big_shl(mm, e);
    } else {
        big_shl(r, 1 + boundary);
        big_set(s, 1);
        big_shl(s, 1 - e + boundary);
        big_set(mp, 1u << boundary);
        big_set(mm, 1);
    }
}

static void shortest(uint64_t f, int e, int p, int min_e, Digits *out)
{
    Big r, s, mp, mm, t;
    setup(f, e, p, min_e, &r, &s, &mp, &mm);
    int even = (f & 1) == 0; /* round-half-even: the edges round to us */
    int k = estimate_k(f, e);
    if (k >= 0) {
        big_mul_pow10(&s, k);
    } else {
        big_mul_pow10(&r, -k);
        big_mul_pow10(&mp, -k);
        big_mul_pow10(&mm, -k);
    }
    for (;;) { /* raise the estimate to k */
        big_add(&t, &r, &mp);
        if (even ? big_cmp(&t, &s) < 0 : big_cmp(&t, &s) <= 0)
            break;
        big_mul_small(&s, 10);
        k++;
    }
    out->exp10 = k;
    out->n = 0;
    for (;;) {
        big_mul_small(&r, 10);
        big_mul_small(&mp, 10);
        big_mul_small(&mm, 10);
        int d = big_digit(&r, &s);
        big_add(&t, &r, &mp);
        int low = even ? big_cmp(&r, &mm) <= 0 : big_cmp(&r, &mm) < 0;
        int high = even ? big_cmp(&t, &s) >= 0 : big_cmp(&t, &s) > 0;
        if (!low && !high) {
            out->d[out->n++] = (char)('0' + d);
            continue;
        }
        if (low && high) { /* both ends reachable: the nearer, ties up */
            big_add(&t, &r, &r);
            high = big_cmp(&t, &s) >= 0;
        }
        out->d[out->n++] = (char)('0' + d + (high ? 1 : 0));
        return;
    }
}

/* ---- {:+e} ------------------------------------------------------------------------------ */

static size_t put_str(char *out, const char *s)
{
    size_t n = 0;
    while (s[n]) {
        out[n] = s[n];
        n++;
    }
    return n;
}

static size_t put_exp(char *out, const Digits *dg, int negative)
{
    size_t n = 0;
    out[n++] = negative ? '-' : '+';
    out[n++] = dg->d[0];
    if (dg->n > 1) {
        out[n++] = '.';
        for (int i = 1; i < dg->n; i++)
            out[n++] = dg->d[i];
    }
    out[n++] = 'e';
    return n + rt_fmt_i64(out + n, dg->exp10 - 1);
}

/* bits: the IEEE fields; p mantissa bits with the hidden one, bias, emax */
static size_t fmt_float(char *out, int negative, uint64_t frac, int biased,
                        int p, int bias, int max_biased)
{
    if (biased == max_biased)
        return frac ? put_str(out, "NaN")
                    : put_str(out, negative ? "-inf" : "+inf");
    if (biased == 0 && frac == 0)
        return put_str(out, negative ? "-0e0" : "+0e0");
    int min_e = 1 - bias - (p - 1);
    uint64_t f = biased ? frac | ((uint64_t)1 << (p - 1)) : frac;
    int e = biased ? biased - bias - (p - 1) : min_e;
    Digits dg;
    shortest(f, e, p, min_e, &dg);
    return put_exp(out, &dg, negative);
}

size_t rt_fmt_f64(char *out, double v)
{
    union { double d; uint64_t u; } bits = {v};
    return fmt_float(out, (int)(bits.u >> 63), bits.u & ((1ull << 52) - 1),
                     (int)((bits.u >> 52) & 0x7FF), 53, 1023, 0x7FF);
}

size_t rt_fmt_f32(char *out, float v)
{
    union { float f; uint32_t u; } bits = {v};
    return fmt_float(out, (int)(bits.u >> 31), bits.u & ((1u << 23) - 1),
                     (int)((bits.u >> 23) & 0xFF), 24, 127, 0xFF);
}
