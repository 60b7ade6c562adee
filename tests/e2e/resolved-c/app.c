/* app.c -- resolved-c: function pointers in C: a qsort comparator called
 * from libc, and a dispatch table of operations that the program changes
 * while it runs (ops[1] becomes mul).  Prints the sorted array, the sum
 * of the dispatched results and how many comparisons qsort made (the
 * comparator counts them itself). */
#include <stdio.h>
#include <stdlib.h>

static int ncmp;

static int cmp_up(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    ncmp++;
    return (x > y) - (x < y);
}

typedef int (*op_fn)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static op_fn ops[3] = {add, sub, mul};
static volatile int three = 3; /* keeps the calls indirect at -O2 */

int main(void)
{
    int v[6] = {5, 3, 9, 1, 7, 2};
    qsort(v, 6, sizeof v[0], cmp_up);
    int acc = 0;
    for (int i = 0; i < 6; i++)
        acc += ops[i % three](v[i], 2);
    ops[1] = mul;
    for (int i = 0; i < three; i++)
        acc += ops[i](1, 1);
    printf("sorted %d %d %d %d %d %d, acc %d, %d comparisons\n", v[0], v[1],
           v[2], v[3], v[4], v[5], acc, ncmp);
    return 0;
}
