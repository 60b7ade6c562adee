/* clib.c -- a small C library built with wasi-libc as a reactor
 * (clang --target=wasm32-wasi -O2 -mexec-model=reactor), the way a whamm
 * library would be, and called through the interpreter: its own memory,
 * data segments, a shadow stack, malloc, qsort and printf (whose output
 * goes to the interpreter's output stream).  The expected values below
 * are worked out by hand in the comments.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static unsigned hist[16];
static const char text[] = "the quick brown fox";

/* Counts one event in bucket b (mod 16); returns the bucket's count. */
EXPORT("hist_add") unsigned hist_add(int b)
{
    return ++hist[b & 15];
}

/* The total over all buckets. */
EXPORT("hist_total") unsigned hist_total(void)
{
    unsigned t = 0;
    for (int i = 0; i < 16; i++)
        t += hist[i];
    return t;
}

/* Sum of the character codes of the data-segment string:
 * "the quick brown fox" has 19 characters: 3 spaces (3*32 = 96) and the
 * letters t h e q u i c k b r o w n f o x =
 * 116+104+101 + 113+117+105+99+107 + 98+114+111+119+110 + 102+111+120
 * = 321 + 541 + 552 + 333 = 1747, so 1747 + 96 = 1843. */
EXPORT("text_sum") int text_sum(void)
{
    int s = 0;
    for (size_t i = 0; i < strlen(text); i++)
        s += (unsigned char)text[i];
    return s;
}

/* A multiplicative string hash: h = h*31 + c over "abc" from 0:
 * ((97*31) + 98)*31 + 99 = (3007+98)*31 + 99 = 3105*31 + 99 = 96354. */
EXPORT("hash_abc") uint32_t hash_abc(void)
{
    static volatile char s[] = "abc";
    uint32_t h = 0;
    for (int i = 0; s[i]; i++)
        h = h * 31 + (unsigned char)s[i];
    return h;
}

/* malloc'd array of squares 0..n-1, summed: n(n-1)(2n-1)/6; for n=10,
 * 10*9*19/6 = 285; for 1000, 1000*999*1999/6 = 332833500. */
EXPORT("sum_squares") long long sum_squares(int n)
{
    long long *a = malloc(sizeof *a * (size_t)n), s = 0;
    if (!a)
        return -1;
    for (int i = 0; i < n; i++)
        a[i] = (long long)i * i;
    for (int i = 0; i < n; i++)
        s += a[i];
    free(a);
    return s;
}

static int cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts 9 numbers (through a function pointer: call_indirect) and
 * returns the median: sorted 1 2 3 4 5 6 7 8 9 -> 5. */
EXPORT("median") int median(void)
{
    int v[9] = {9, 3, 7, 1, 5, 8, 2, 6, 4};
    qsort(v, 9, sizeof v[0], cmp);
    return v[4];
}

/* printf to stdout: "value=42\n" is 9 characters. */
EXPORT("say") int say(int x)
{
    int n = printf("value=%d\n", x);
    fflush(stdout);
    return n;
}

/* Floating point through printf: 2/3 to 3 places is "0.667" (5). */
EXPORT("say_float") int say_float(void)
{
    int n = fprintf(stderr, "ratio=%.3f\n", 2.0 / 3.0);
    return n;
}

/* Recursion on the shadow stack: a local array per level.
 * depth(n) = n + depth(n-1), depth(0) = 0: depth(100) = 5050. */
EXPORT("depth") int depth(int n)
{
    volatile int buf[16];
    buf[n & 15] = n;
    return n ? buf[n & 15] + depth(n - 1) : 0;
}

// run _initialize ->
// run hist_add i32:3 -> i32:1
// run hist_add i32:3 -> i32:2
// run hist_add i32:19 -> i32:3
// run hist_add i32:4 -> i32:1
// run hist_total -> i32:4
// run text_sum -> i32:1843
// run hash_abc -> i32:96354
// run sum_squares i32:10 -> i64:285
// run sum_squares i32:1000 -> i64:332833500
// run median -> i32:5
// run say i32:42 -> i32:9
// output value=42
// run say_float -> i32:12
// output ratio=0.667
// run depth i32:100 -> i32:5050
// run hist_total -> i32:4
