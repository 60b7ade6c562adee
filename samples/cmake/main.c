/* main.c -- the whamm build-integration sample: Collatz lengths of 1..10,
 * summarised with libstats.  Its output is fixed (checked by ctest and by
 * tests/integration); the instrumented build appends the scripts' report.
 */
#include <stdio.h>

#include "collatz.h"
#include "stats.h"

#define N 10

static int is_even(int x) { return x % 2 == 0; }

int main(void)
{
    int len[N];
    for (int i = 0; i < N; i++)
        len[i] = collatz_len(i + 1);
    printf("collatz lengths:");
    for (int i = 0; i < N; i++)
        printf(" %d", len[i]);
    printf("\n");
    printf("sum=%d max=%d even=%d\n", stats_sum(len, N), stats_max(len, N),
           stats_count_if(len, N, is_even));
    printf("median=%d\n", stats_median(len, N));
    return 0;
}
