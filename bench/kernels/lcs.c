// lcs.c -- bench kernel: longest common subsequence of two random strings
// over a small alphabet, by dynamic programming with two rows, repeated.
// Prints the lengths' checksum.
#include <stdio.h>

#define N 6000
#define REPS 3

static unsigned char x[N], y[N];
static int prev[N + 1], cur[N + 1];

int main(void) {
    unsigned seed = 5;
    unsigned long long sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        for (int i = 0; i < N; i++) {
            seed = seed * 1103515245u + 12345u;
            x[i] = (unsigned char)('a' + (seed >> 16) % 6);
            seed = seed * 1103515245u + 12345u;
            y[i] = (unsigned char)('a' + (seed >> 16) % 6);
        }
        for (int j = 0; j <= N; j++) prev[j] = 0;
        for (int i = 1; i <= N; i++) {
            cur[0] = 0;
            for (int j = 1; j <= N; j++) {
                if (x[i - 1] == y[j - 1]) cur[j] = prev[j - 1] + 1;
                else cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
            }
            for (int j = 0; j <= N; j++) prev[j] = cur[j];
        }
        sum = sum * 1000003u + (unsigned)prev[N];
    }
    printf("lcs: %d x %d x%d checksum %llu\n", N, N, REPS, sum);
    return 0;
}
