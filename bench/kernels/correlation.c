// correlation.c -- bench kernel: Pearson correlation matrix of M variables
// over N observations (means, standard deviations, normalisation, then the
// symmetric product), repeated.  Prints a checksum of the matrix.
#include <math.h>
#include <stdio.h>

#define N 300
#define M 240
#define REPS 16

static double data[N][M], d[N][M], corr[M][M];

int main(void) {
    unsigned seed = 23;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < M; j++) {
            seed = seed * 1103515245u + 12345u;
            data[i][j] = (double)((seed >> 16) % 1000) / 100.0 + (double)(i % (j + 1));
        }
    double sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        data[rep][rep] += 1.0;
        for (int j = 0; j < M; j++) {
            double mean = 0, sd = 0;
            for (int i = 0; i < N; i++) mean += data[i][j];
            mean /= N;
            for (int i = 0; i < N; i++) sd += (data[i][j] - mean) * (data[i][j] - mean);
            sd = sqrt(sd / N);
            if (sd <= 0.1) sd = 1.0;
            for (int i = 0; i < N; i++) d[i][j] = (data[i][j] - mean) / (sqrt((double)N) * sd);
        }
        for (int a = 0; a < M; a++) {
            corr[a][a] = 1.0;
            for (int b = a + 1; b < M; b++) {
                double s = 0;
                for (int i = 0; i < N; i++) s += d[i][a] * d[i][b];
                corr[a][b] = corr[b][a] = s;
            }
        }
        for (int a = 0; a < M; a++) sum += corr[a][(a * 11 + rep) % M];
    }
    printf("correlation: %dx%d x%d checksum %.6f\n", N, M, REPS, sum);
    return 0;
}
