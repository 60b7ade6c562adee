/* app.c -- wei-target case mixed: calls, branches and additions whose
 * counts the script gathers both ways. */
#include <stdio.h>

__attribute__((noinline)) static int square(int x) { return x * x; }

__attribute__((noinline)) static int sum(int n)
{
    int s = 0;
    for (int i = 0; i < n; i++)
        s += (i & 1) ? square(i) : i;
    return s;
}

int main(void)
{
    int total = 0;
    for (int k = 1; k <= 4; k++)
        total += sum(k * 3);
    printf("total=%d\n", total);
    return 0;
}
