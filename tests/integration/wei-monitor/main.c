/* main.c -- the program of the integration case wei.* (see NOTES). */
#include <stdio.h>

__attribute__((noinline)) int work(int x)
{
    return x * 3 + 1;
}

int main(void)
{
    int sum = 0;
    for (int i = 0; i < 5; i++)
        sum += work(i);
    printf("sum %d\n", sum);
    fflush(stdout);
    return 0;
}
