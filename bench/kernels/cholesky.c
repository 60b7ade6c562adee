// cholesky.c -- bench kernel: Cholesky factorisation of a symmetric positive
// definite matrix (A = B*B^T + N*I), repeated.  Prints a checksum of L.
#include <math.h>
#include <stdio.h>

#define N 200
#define REPS 160

static double b[N][N], a0[N][N], l[N][N];

int main(void) {
    unsigned seed = 99;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1103515245u + 12345u;
            b[i][j] = (double)((seed >> 16) % 1000) / 1000.0 - 0.5;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j <= i; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += b[i][k] * b[j][k];
            a0[i][j] = a0[j][i] = s + (i == j ? N : 0);
        }
    double sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        for (int i = 0; i < N; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a0[i][j] + (i == j && i == rep ? 1.0 : 0.0);
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                l[i][j] = i == j ? sqrt(s) : s / l[j][j];
            }
        }
        for (int i = 0; i < N; i++) sum += l[i][i] + l[i][i / 2];
    }
    printf("cholesky: %dx%d x%d checksum %.6f\n", N, N, REPS, sum);
    return 0;
}
