/* app.c -- wei-target case engine-only: a few direct calls. */
#include <stdio.h>

__attribute__((noinline)) static int twice(int x) { return 2 * x; }

int main(void)
{
    int s = 0;
    for (int i = 0; i < 5; i++)
        s += twice(i);
    printf("s=%d\n", s);
    return 0;
}
