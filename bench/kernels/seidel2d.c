// seidel2d.c -- bench kernel: 2-D Gauss-Seidel stencil (9 points, updated in
// place, so each step depends on the previous row).  Prints a checksum.
#include <stdio.h>

#define N 300
#define STEPS 400

static double a[N][N];

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            a[i][j] = ((double)i * (j + 2) + 2) / N;
    for (int t = 0; t < STEPS; t++)
        for (int i = 1; i < N - 1; i++)
            for (int j = 1; j < N - 1; j++)
                a[i][j] = (a[i - 1][j - 1] + a[i - 1][j] + a[i - 1][j + 1] +
                           a[i][j - 1] + a[i][j] + a[i][j + 1] +
                           a[i + 1][j - 1] + a[i + 1][j] + a[i + 1][j + 1]) / 9.0;
    double sum = 0;
    for (int i = 0; i < N; i++) sum += a[i][(i * 13) % N];
    printf("seidel2d: %dx%d x%d checksum %.6f\n", N, N, STEPS, sum);
    return 0;
}
