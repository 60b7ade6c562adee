/* hello.c -- the sample module of the main job: a small WASI program with
 * recursion, a loop and a table of function pointers, so the round trip
 * goes through calls, call_indirect, element segments and data. */
#include <stdio.h>

static int square(int x) { return x * x; }
static int cube(int x) { return x * x * x; }

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void)
{
    int (*const ops[])(int) = {square, cube};
    int sum = 0;
    for (int i = 1; i <= 4; i++)
        sum += ops[i % 2](i);
    printf("hello from wasm: fib(20) = %d, sum = %d\n", fib(20), sum);
    return 0;
}
