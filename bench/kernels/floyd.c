// floyd.c -- bench kernel: Floyd-Warshall all-pairs shortest paths on a
// random directed graph with integer weights, repeated with one edge
// changed.  Prints a checksum of the distances.
#include <stdio.h>

#define N 250
#define REPS 8
#define INF 1000000000

static int w[N][N], d[N][N];

int main(void) {
    unsigned seed = 3;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 100;
            w[i][j] = i == j ? 0 : r < 15 ? (int)(r * 7 + 1) : INF;
        }
    unsigned long long sum = 0;
    for (int rep = 0; rep < REPS; rep++) {
        w[rep][(rep * 31 + 7) % N] = 1;
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) d[i][j] = w[i][j];
        for (int k = 0; k < N; k++)
            for (int i = 0; i < N; i++) {
                int dik = d[i][k];
                if (dik == INF) continue;
                for (int j = 0; j < N; j++) {
                    int via = dik + d[k][j];
                    if (d[k][j] != INF && via < d[i][j]) d[i][j] = via;
                }
            }
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
                if (d[i][j] != INF) sum += (unsigned)d[i][j] * (unsigned)(i + 1);
    }
    printf("floyd: %d nodes x%d checksum %llu\n", N, REPS, sum);
    return 0;
}
