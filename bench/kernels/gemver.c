// gemver.c -- bench kernel: the BLAS-like gemver sequence (a rank-2 update of
// A, then x = beta*A^T*y + z, then w = alpha*A*x), repeated.  Prints a
// checksum of w.
#include <stdio.h>

#define N 500
#define REPS 200

static double A[N][N], u1[N], v1[N], u2[N], v2[N], w[N], x[N], y[N], z[N];

int main(void) {
    const double alpha = 1.5, beta = 1.2;
    for (int i = 0; i < N; i++) {
        u1[i] = i; u2[i] = (i + 1) / (double)N / 2.0;
        v1[i] = (i + 1) / (double)N / 4.0; v2[i] = (i + 1) / (double)N / 6.0;
        y[i] = (i + 1) / (double)N / 8.0; z[i] = (i + 1) / (double)N / 9.0;
        for (int j = 0; j < N; j++) A[i][j] = (double)(i * j % N) / N;
    }
    double sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                A[i][j] = A[i][j] * 0.5 + u1[i] * v1[j] * 1e-4 + u2[i] * v2[j];
        for (int i = 0; i < N; i++) x[i] = 0;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) x[i] += beta * A[j][i] * y[j];
        for (int i = 0; i < N; i++) x[i] += z[i];
        for (int i = 0; i < N; i++) {
            w[i] = 0;
            for (int j = 0; j < N; j++) w[i] += alpha * A[i][j] * x[j];
        }
        for (int i = 0; i < N; i += 5) sum += w[i];
    }
    printf("gemver: %dx%d x%d checksum %.6f\n", N, N, REPS, sum);
    return 0;
}
