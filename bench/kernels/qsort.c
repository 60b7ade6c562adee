// qsort.c -- bench kernel: hand-written recursive quicksort of pseudo-random
// ints (no libc qsort, so the work is in this module).  Prints a checksum.
#include <stdint.h>
#include <stdio.h>

#define N 1000000
#define REPS 4

static int32_t v[N];

static void quicksort(int32_t *a, long lo, long hi) {
    while (lo < hi) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; }
        else { quicksort(a, i, hi); hi = j; }
    }
}

int main(void) {
    uint32_t x = 88172645u;
    uint64_t check = 0;
    for (int rep = 0; rep < REPS; rep++) {
        for (long i = 0; i < N; i++) {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            v[i] = (int32_t)(x % 1000000007u);
        }
        quicksort(v, 0, N - 1);
        for (long i = 1; i < N; i++)
            if (v[i - 1] > v[i]) { printf("qsort: NOT SORTED at %ld\n", i); return 1; }
        for (long i = 0; i < N; i += 997) check = check * 31 + (uint32_t)v[i];
    }
    printf("qsort: %d x %d ints checksum %llu\n", REPS, N, (unsigned long long)check);
    return 0;
}
