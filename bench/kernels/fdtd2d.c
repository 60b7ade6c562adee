// fdtd2d.c -- bench kernel: 2-D finite-difference time-domain (three fields
// updated from each other every step).  Prints a checksum.
#include <stdio.h>

#define NX 300
#define NY 300
#define STEPS 500

static double ex[NX][NY], ey[NX][NY], hz[NX][NY];

int main(void) {
    for (int i = 0; i < NX; i++)
        for (int j = 0; j < NY; j++) {
            ex[i][j] = ((double)i * (j + 1)) / NX;
            ey[i][j] = ((double)i * (j + 2)) / NY;
            hz[i][j] = ((double)i * (j + 3)) / NX;
        }
    for (int t = 0; t < STEPS; t++) {
        for (int j = 0; j < NY; j++) ey[0][j] = (double)t;
        for (int i = 1; i < NX; i++)
            for (int j = 0; j < NY; j++)
                ey[i][j] -= 0.5 * (hz[i][j] - hz[i - 1][j]);
        for (int i = 0; i < NX; i++)
            for (int j = 1; j < NY; j++)
                ex[i][j] -= 0.5 * (hz[i][j] - hz[i][j - 1]);
        for (int i = 0; i < NX - 1; i++)
            for (int j = 0; j < NY - 1; j++)
                hz[i][j] -= 0.7 * (ex[i][j + 1] - ex[i][j] + ey[i + 1][j] - ey[i][j]);
    }
    double sum = 0;
    for (int i = 0; i < NX; i++) sum += hz[i][(i * 3) % NY] + ex[i][i % NY];
    printf("fdtd2d: %dx%d x%d checksum %.6f\n", NX, NY, STEPS, sum);
    return 0;
}
