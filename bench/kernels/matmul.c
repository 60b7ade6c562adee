// matmul.c -- bench kernel: dense double matrix multiply (i-k-j loop order).
// Prints a checksum of the product.
#include <stdio.h>

#define N 200
#define REPS 56

static double a[N][N], b[N][N], c[N][N];

int main(void) {
    unsigned seed = 12345;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1103515245u + 12345u;
            a[i][j] = (double)((seed >> 16) % 1000) / 1000.0;
            seed = seed * 1103515245u + 12345u;
            b[i][j] = (double)((seed >> 16) % 1000) / 1000.0 - 0.5;
        }
    double sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                double aik = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += aik * b[k][j];
            }
        for (int i = 0; i < N; i++) sum += c[i][(i * 7 + rep) % N];
        a[rep][rep] += 1.0;
    }
    printf("matmul: %dx%d x%d checksum %.6f\n", N, N, REPS, sum);
    return 0;
}
