// jacobi2d.c -- bench kernel: 2-D Jacobi stencil (5 points), two arrays
// swapped each step.  Prints a checksum of the grid.
#include <stdio.h>

#define N 400
#define STEPS 600

static double a[N][N], b[N][N];

int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = ((double)i * (j + 2) + 2) / N;
            b[i][j] = ((double)i * (j + 3) + 3) / N;
        }
    for (int t = 0; t < STEPS; t++) {
        for (int i = 1; i < N - 1; i++)
            for (int j = 1; j < N - 1; j++)
                b[i][j] = 0.2 * (a[i][j] + a[i][j - 1] + a[i][j + 1] +
                                 a[i + 1][j] + a[i - 1][j]);
        for (int i = 1; i < N - 1; i++)
            for (int j = 1; j < N - 1; j++)
                a[i][j] = 0.2 * (b[i][j] + b[i][j - 1] + b[i][j + 1] +
                                 b[i + 1][j] + b[i - 1][j]);
    }
    double sum = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) sum += a[i][j] * ((i + j) % 7);
    printf("jacobi2d: %dx%d x%d checksum %.6f\n", N, N, STEPS, sum);
    return 0;
}
