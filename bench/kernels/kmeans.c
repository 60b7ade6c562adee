// kmeans.c -- bench kernel: k-means clustering (Lloyd's iterations) of random
// 2-D points around K centres.  Prints the centres' checksum and the
// assignment counts.
#include <stdio.h>

#define NPTS 20000
#define K 16
#define ITERS 300

static float px[NPTS], py[NPTS];
static int assign[NPTS];

int main(void) {
    unsigned seed = 17;
    for (int i = 0; i < NPTS; i++) {
        seed = seed * 1103515245u + 12345u;
        int c = (int)((seed >> 16) % K);
        seed = seed * 1103515245u + 12345u;
        float dx = (float)((seed >> 16) % 1000) / 1000.0f - 0.5f;
        seed = seed * 1103515245u + 12345u;
        float dy = (float)((seed >> 16) % 1000) / 1000.0f - 0.5f;
        px[i] = (float)(c % 4) * 3.0f + dx;
        py[i] = (float)(c / 4) * 3.0f + dy;
    }
    float cx[K], cy[K];
    for (int k = 0; k < K; k++) { cx[k] = px[k * 37]; cy[k] = py[k * 37]; }
    int count[K];
    for (int it = 0; it < ITERS; it++) {
        double sx[K] = {0}, sy[K] = {0};
        for (int k = 0; k < K; k++) count[k] = 0;
        for (int i = 0; i < NPTS; i++) {
            int best = 0;
            float bd = 1e30f;
            for (int k = 0; k < K; k++) {
                float ddx = px[i] - cx[k], ddy = py[i] - cy[k];
                float dd = ddx * ddx + ddy * ddy;
                if (dd < bd) { bd = dd; best = k; }
            }
            assign[i] = best;
            sx[best] += px[i];
            sy[best] += py[i];
            count[best]++;
        }
        for (int k = 0; k < K; k++)
            if (count[k]) { cx[k] = (float)(sx[k] / count[k]); cy[k] = (float)(sy[k] / count[k]); }
    }
    double sum = 0;
    unsigned long long cs = 0;
    for (int k = 0; k < K; k++) { sum += cx[k] * (k + 1) + cy[k]; cs = cs * 131 + (unsigned)count[k]; }
    printf("kmeans: %d points k=%d x%d checksum %.4f counts %llu\n", NPTS, K, ITERS, sum, cs);
    return 0;
}
