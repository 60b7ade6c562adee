/* app.c -- wei-target case immediates: a switch (a br_table at -O2) and
 * loads of several widths and alignments. */
#include <stdio.h>

static volatile int table[8] = {3, 1, 4, 1, 5, 9, 2, 6};
static volatile short halves[4] = {7, 8, 9, 10};

__attribute__((noinline)) static int pick(int k)
{
    switch (k) {
    case 0: return table[1];
    case 1: return table[2] + 1;
    case 2: return table[3] * 3;
    case 3: return table[4] - 2;
    case 4: return halves[1];
    default: return -1;
    }
}

int main(void)
{
    int s = 0;
    for (int i = 0; i < 12; i++)
        s += pick(i % 6) + halves[i % 4];
    printf("s=%d\n", s);
    return 0;
}
