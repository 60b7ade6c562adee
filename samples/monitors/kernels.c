/* kernels.c -- the kernels of samples/monitors.  They live in their own
 * file so that the compiler cannot fold main's constant arguments into
 * them; the loops are kept rolled (`unroll(disable)`) so that each C loop
 * is one Wasm loop whose body runs once per iteration. */
#include "kernels.h"

/* FNV-1a over 0 .. n-1: one loop of n iterations, no memory access. */
unsigned fnv(unsigned n)
{
    unsigned h = 2166136261u;
#pragma clang loop unroll(disable)
    for (unsigned i = 0; i < n; i++)
        h = (h ^ i) * 16777619u;
    return h;
}

__attribute__((noinline)) static void bump(int *c)
{
    (*c)++;
}

/* How many of 0 .. n-1 are multiples of k.  The call keeps the `if` a
 * branch (a plain increment would become a `select`). */
int count_multiples(int n, int k)
{
    int c = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < n; i++)
        if (i % k == 0)
            bump(&c);
    return c;
}

__attribute__((noinline)) static void case0(int *c) { c[0] += 1; }
__attribute__((noinline)) static void case1(int *c) { c[1] += 2; }
__attribute__((noinline)) static void case2(int *c) { c[2] += 3; }
__attribute__((noinline)) static void case3(int *c) { c[3] += 4; }
__attribute__((noinline)) static void case4(int *c) { c[4] += 5; }

/* A five-way switch on i % 5 for i in 0 .. n-1: one br_table. */
void dispatch(int n, int *counts)
{
#pragma clang loop unroll(disable)
    for (int i = 0; i < n; i++) {
        switch (i % 5) {
        case 0: case0(counts); break;
        case 1: case1(counts); break;
        case 2: case2(counts); break;
        case 3: case3(counts); break;
        case 4: case4(counts); break;
        }
    }
}

__attribute__((noinline)) int add1(int x) { return x + 1; }
__attribute__((noinline)) int dbl(int x) { return 2 * x; }
__attribute__((noinline)) int neg(int x) { return -add1(x); }

/* Applies ops[0], ..., ops[n-1] in turn: n indirect calls. */
int compose(const op_fn *ops, int n, int x)
{
#pragma clang loop unroll(disable)
    for (int i = 0; i < n; i++)
        x = ops[i](x);
    return x;
}

/* Two nested loops: rows iterations outside, rows * cols inside. */
unsigned grid(int rows, int cols)
{
    unsigned h = 0;
#pragma clang loop unroll(disable)
    for (int r = 0; r < rows; r++)
#pragma clang loop unroll(disable)
        for (int c = 0; c < cols; c++)
            h = h * 31 + (unsigned)(r ^ c);
    return h;
}

/* a[i] = 3 * i: n 4-byte stores at increasing addresses. */
void fill(int *a, int n)
{
#pragma clang loop unroll(disable)
    for (int i = 0; i < n; i++)
        a[i] = 3 * i;
}

/* The sum of a[0 .. n-1]: n 4-byte loads at increasing addresses. */
int sum(const int *a, int n)
{
    int s = 0;
#pragma clang loop unroll(disable)
    for (int i = 0; i < n; i++)
        s += a[i];
    return s;
}

/* Linked in, never called (main guards it with a flag that stays 0). */
int cold(int x)
{
    return fnv((unsigned)x) == 0 ? add1(x) : dbl(x);
}
