/* workload.c -- the program every monitor of samples/monitors watches.
 * Each kernel call below is what one monitor's test counts by hand
 * (tests/monitors/NOTES): the arguments are the trip counts. */
#include <stdio.h>
#include "kernels.h"

#define WORDS 2048                    /* 8 KiB: two 4 KiB pages */
_Alignas(4096) static int buf[WORDS];
static const op_fn ops[5] = {add1, dbl, add1, neg, dbl};
static volatile int never;            /* stays 0: cold() never runs */

int main(void)
{
    int cases[5] = {0, 0, 0, 0, 0};
    unsigned h = fnv(100);                        /* 100 iterations */
    int mult = count_multiples(100, 7);           /* 15 multiples */
    dispatch(23, cases);                          /* i % 5, 23 times */
    int x = compose(ops, 5, 1);                   /* 5 indirect calls */
    x = compose(ops, 5, x);                       /* 5 more */
    unsigned g = grid(3, 4);                      /* 3 x 4 */
    fill(buf, WORDS);                             /* 2048 stores */
    int s = sum(buf, WORDS);                      /* 2048 loads */
    s += sum(buf, WORDS / 2);                     /* the first page, */
    s += sum(buf, WORDS / 2);                     /* twice */
    if (never)
        x = cold(x);
    printf("fnv=%u multiples=%d cases=%d,%d,%d,%d,%d compose=%d grid=%u sum=%d\n",
           h, mult, cases[0], cases[1], cases[2], cases[3], cases[4], x, g, s);
    return 0;
}
