/* closed.c -- tests/report case closed-stdout: a C program that prints its
 * result, then closes its standard output before main returns, so the
 * report (written after main) finds fd 1 closed (EBADF) and must go to
 * stderr.  collatz(n) counts the steps of n to 1; it is the probed
 * function. */
#include <stdio.h>
#include <unistd.h>

__attribute__((noinline)) int collatz(int n)
{
    int steps = 0;
    while (n != 1) {
        n = n % 2 ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

int main(void)
{
    int total = 0;
    for (int i = 1; i <= 4; i++)
        total += collatz(i);
    printf("steps %d\n", total);
    fflush(stdout);
    close(1);
    return 0;
}
