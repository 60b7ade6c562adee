/* kernels.h -- the small kernels of samples/monitors/workload.c, each
 * shaped so that one monitor's report can be worked out by hand (see
 * docs/cookbook.md and tests/monitors/NOTES). */
#ifndef KERNELS_H
#define KERNELS_H

typedef int (*op_fn)(int);

unsigned fnv(unsigned n);                  /* a loop of n iterations */
int count_multiples(int n, int k);         /* a branch taken k-wise */
void dispatch(int n, int *counts);         /* a switch: br_table */
int add1(int x);                           /* call-graph leaves */
int dbl(int x);
int neg(int x);                            /* calls add1 directly */
int compose(const op_fn *ops, int n, int x); /* indirect calls */
unsigned grid(int rows, int cols);         /* two nested loops */
void fill(int *a, int n);                  /* n stores, in order */
int sum(const int *a, int n);              /* n loads, in order */
int cold(int x);                           /* never runs */

#endif
