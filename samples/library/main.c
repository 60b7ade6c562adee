/* main.c -- the app of samples/library: square() runs 7 times (4 from
 * cube(), 3 directly), cube() 4 times. */
#include <stdio.h>

__attribute__((noinline)) static int square(int x)
{
    return x * x;
}

__attribute__((noinline)) static int cube(int x)
{
    return x * square(x);
}

int main(void)
{
    int sum = 0;
    for (int i = 1; i <= 4; i++)
        sum += cube(i);      /* 1 + 8 + 27 + 64 */
    for (int i = 0; i < 3; i++)
        sum += square(i);    /* 0 + 1 + 4 */
    printf("sum = %d\n", sum);
    return 0;
}
