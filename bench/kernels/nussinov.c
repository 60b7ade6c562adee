// nussinov.c -- bench kernel: Nussinov RNA folding (maximum base pairs by
// dynamic programming over intervals) of a random sequence, repeated.
// Prints a checksum of the table.
#include <stdio.h>

#define N 500
#define REPS 8

static unsigned char seq[N];
static int t[N][N];

static int pairs(int a, int b) { return a + b == 3; } /* A-U, C-G as 0..3 */

static int max(int a, int b) { return a > b ? a : b; }

int main(void) {
    unsigned seed = 11;
    long long sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        for (int i = 0; i < N; i++) {
            seed = seed * 1103515245u + 12345u;
            seq[i] = (unsigned char)((seed >> 16) % 4);
        }
        for (int i = N - 1; i >= 0; i--)
            for (int j = i + 1; j < N; j++) {
                int v = t[i][j - 1];
                if (i + 1 < N) v = max(v, t[i + 1][j]);
                if (i + 1 < j) v = max(v, t[i + 1][j - 1] + pairs(seq[i], seq[j]));
                else v = max(v, pairs(seq[i], seq[j]));
                for (int k = i + 1; k < j; k++) v = max(v, t[i][k] + t[k + 1][j]);
                t[i][j] = v;
            }
        sum = sum * 31 + t[0][N - 1];
        for (int i = 0; i < N; i += 7) sum += t[i][N - 1 - i / 2];
    }
    printf("nussinov: %d bases x%d checksum %lld\n", N, REPS, sum);
    return 0;
}
