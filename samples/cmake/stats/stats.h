/* stats.h -- the sample's static library (libstats.a): small integer
 * statistics over arrays, written so the whamm sample scripts have calls,
 * loops and conditional branches to observe. */
#ifndef SAMPLE_STATS_H
#define SAMPLE_STATS_H

int stats_sum(const int *v, int n);
int stats_max(const int *v, int n);
void stats_sort(int *v, int n);          /* insertion sort, ascending */
int stats_median(int *v, int n);         /* sorts v; lower median */
int stats_count_if(const int *v, int n, int (*pred)(int));

#endif
