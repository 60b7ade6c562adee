/* collatz.c -- Collatz sequence lengths (the sample's branchy kernel). */
#include "collatz.h"

int collatz_len(int x)
{
    int steps = 0;
    while (x != 1) {
        x = (x % 2 == 0) ? x / 2 : 3 * x + 1;
        steps++;
    }
    return steps;
}
