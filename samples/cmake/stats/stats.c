/* stats.c -- libstats: sum, max, insertion sort, median, count_if. */
#include "stats.h"

int stats_sum(const int *v, int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

int stats_max(const int *v, int n)
{
    int m = v[0];
    for (int i = 1; i < n; i++)
        if (v[i] > m)
            m = v[i];
    return m;
}

/* noinline: kept a function of its own at -O2 (stats_median would inline
 * it), so the call-count and branch reports show it under its own name. */
__attribute__((noinline)) void stats_sort(int *v, int n)
{
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

int stats_median(int *v, int n)
{
    stats_sort(v, n);
    return v[(n - 1) / 2];
}

int stats_count_if(const int *v, int n, int (*pred)(int))
{
    int c = 0;
    for (int i = 0; i < n; i++)
        if (pred(v[i]))
            c++;
    return c;
}
