// lu.c -- bench kernel: LU decomposition without pivoting of a diagonally
// dominant matrix, repeated on a fresh copy.  Prints a checksum of L and U.
#include <stdio.h>
#include <string.h>

#define N 180
#define REPS 120

static double a0[N][N], a[N][N];

int main(void) {
    unsigned seed = 7;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1103515245u + 12345u;
            a0[i][j] = (double)((seed >> 16) % 1000) / 1000.0 + (i == j ? N : 0);
        }
    double sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        memcpy(a, a0, sizeof a);
        a[rep][rep] += 1.0;
        for (int k = 0; k < N; k++) {
            for (int i = k + 1; i < N; i++) {
                a[i][k] /= a[k][k];
                double f = a[i][k];
                for (int j = k + 1; j < N; j++) a[i][j] -= f * a[k][j];
            }
        }
        for (int i = 0; i < N; i++) sum += a[i][i] + a[i][(i * 5) % N];
    }
    printf("lu: %dx%d x%d checksum %.6f\n", N, N, REPS, sum);
    return 0;
}
