// heat3d.c -- bench kernel: 3-D heat equation stencil (7 points), two grids.
// Prints a checksum.
#include <stdio.h>

#define N 60
#define STEPS 200

static double a[N][N][N], b[N][N][N];

static void step(double (*src)[N][N], double (*dst)[N][N]) {
    for (int i = 1; i < N - 1; i++)
        for (int j = 1; j < N - 1; j++)
            for (int k = 1; k < N - 1; k++)
                dst[i][j][k] = 0.125 * (src[i + 1][j][k] - 2.0 * src[i][j][k] + src[i - 1][j][k]) +
                               0.125 * (src[i][j + 1][k] - 2.0 * src[i][j][k] + src[i][j - 1][k]) +
                               0.125 * (src[i][j][k + 1] - 2.0 * src[i][j][k] + src[i][j][k - 1]) +
                               src[i][j][k];
}

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            for (int k = 0; k < N; k++)
                a[i][j][k] = b[i][j][k] = (double)((i * j + k * k) % 17) / 17.0;
    for (int t = 0; t < STEPS; t++) {
        step(a, b);
        step(b, a);
    }
    double sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) sum += a[i][j][(i + j) % N];
    printf("heat3d: %d^3 x%d checksum %.6f\n", N, STEPS, sum);
    return 0;
}
